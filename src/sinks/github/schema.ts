import { z } from 'zod';
import type { GhComment, GhIssue, GhLabel, GhUser } from './port.js';

// GitHub responses validated where they arrive (renovate's `schema.ts` habit): only the fields we
// use, unknown fields allowed, then mapped to our own small shapes so the rest of the code never
// touches GitHub's wire format.

const userSchema = z.object({ login: z.string(), id: z.number(), type: z.string().optional() });

const labelSchema = z.object({
  name: z.string(),
  color: z.string().optional(),
  description: z.string().nullable().optional(),
});

const issueSchema = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  body: z.string().nullable().optional(),
  state: z.enum(['open', 'closed']),
  state_reason: z.enum(['completed', 'not_planned', 'duplicate', 'reopened']).nullable().optional(),
  user: userSchema.nullable(),
  labels: z.array(z.union([z.string(), labelSchema.partial({ name: true })])),
  created_at: z.string(),
  updated_at: z.string(),
  closed_at: z.string().nullable(),
  html_url: z.string(),
  pull_request: z.unknown().optional(),
});

const commentSchema = z.object({
  id: z.number().int(),
  body: z.string().optional(),
  user: userSchema.nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

function parse<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const r = schema.safeParse(data);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new Error(`unexpected ${what} shape at ${first?.path.join('.') ?? '?'}: ${first?.message ?? r.error.message}`);
  }
  return r.data;
}

export function toUser(data: unknown): GhUser {
  const u = parse(userSchema, data, 'user');
  return u.type === undefined ? { login: u.login, id: u.id } : { login: u.login, id: u.id, type: u.type };
}

export function toLabel(data: unknown): GhLabel {
  return parse(labelSchema, data, 'label');
}

/** Undefined for pull requests, which the issues endpoints also return. */
export function toIssue(data: unknown): GhIssue | undefined {
  const i = parse(issueSchema, data, 'issue');
  if (i.pull_request !== undefined) return undefined;
  return {
    number: i.number,
    title: i.title,
    body: i.body ?? null,
    state: i.state,
    stateReason: i.state_reason ?? null,
    author: i.user?.login ?? '',
    labels: i.labels.map((l) => (typeof l === 'string' ? l : l.name ?? '')).filter((n) => n !== ''),
    createdAt: i.created_at,
    updatedAt: i.updated_at,
    closedAt: i.closed_at,
    htmlUrl: i.html_url,
  };
}

export function toComment(data: unknown): GhComment {
  const c = parse(commentSchema, data, 'comment');
  return { id: c.id, body: c.body ?? '', author: c.user?.login ?? '', createdAt: c.created_at, updatedAt: c.updated_at };
}

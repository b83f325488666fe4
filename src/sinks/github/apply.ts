import type { Clock } from '../../core/clock.js';
import { systemClock } from '../../core/clock.js';
import { relatedReason, parseIssueBody, withRelatedBlock } from './body.js';
import type { RelatedLink } from './body.js';
import type { Sleep } from './budget.js';
import { WriteBudget, realSleep } from './budget.js';
import { GithubError, isGithubError } from './errors.js';
import { sameLabels } from './labels.js';
import { parseIssueMarker } from './marker.js';
import { findStatusComment, hasEvent, keptLinks } from './plan.js';
import type { GithubPlan, PlanAction } from './plan-types.js';
import type { GhComment, GithubPort, RepoRef } from './port.js';
import { repoName } from './port.js';
import type { GithubState } from './state.js';

// The applier: carries out a plan, and nothing else. Per write: read right before (if the read
// fails, nothing is written for that incident), budget, journal the intent, write, journal the
// result. Creates are reconciled through the marker on the issues LIST endpoint (never search,
// which lags) so a run killed half-way, or a response lost on the wire, never yields a duplicate.

export type ActionStatus = 'done' | 'skipped' | 'deferred' | 'failed';

export interface ActionResult {
  actionId: string;
  kind: PlanAction['kind'];
  incidentKey: string;
  priority: string;
  issueNumber?: number;
  status: ActionStatus;
  /** Write requests sent for this action (0 when it was already so). */
  writes: number;
  reason: string;
}

export interface ApplyResult {
  repo: string;
  runId: string;
  startedAt: string;
  finishedAt: string;
  lock: 'acquired' | 'held';
  writes: number;
  waitedMs: number;
  labelsCreated: string[];
  results: ActionResult[];
  counts: Record<ActionStatus, number>;
}

export interface ApplyOptions {
  /** Identifies this run in the journal and holds the lock. */
  runId: string;
  clock?: Clock;
  sleep?: Sleep;
  /** Called after each action; for the CLI's progress output. */
  onResult?: (r: ActionResult) => void;
  /** Consecutive transport/server failures after which the rest is given up (GitHub is down). */
  maxConsecutiveFailures?: number;
  /** How far before the snapshot (and a journaled intent) the reconciling list reaches, for clock skew. */
  reconcileMarginMs?: number;
}

class Deferral extends Error {}

export async function applyGithubPlan(plan: GithubPlan, port: GithubPort, state: GithubState, opts: ApplyOptions): Promise<ApplyResult> {
  const clock = opts.clock ?? systemClock;
  const sleep = opts.sleep ?? realSleep;
  const repo = plan.repo;
  const rname = repoName(repo);
  const iso = () => clock.now().toISOString();
  const startedAt = iso();
  const results: ActionResult[] = [];
  const labelsCreated: string[] = [];
  let writes = 0;
  const push = (r: ActionResult) => {
    results.push(r);
    opts.onResult?.(r);
  };
  const summary = (lock: 'acquired' | 'held'): ApplyResult => {
    const counts: Record<ActionStatus, number> = { done: 0, skipped: 0, deferred: 0, failed: 0 };
    for (const r of results) counts[r.status]++;
    return { repo: rname, runId: opts.runId, startedAt, finishedAt: iso(), lock, writes, waitedMs: budget.waited, labelsCreated, results, counts };
  };
  const ttlMs = plan.lockTtlSeconds * 1000;
  const budget = new WriteBudget(
    { perMinute: plan.budget.perMinute, perHour: plan.budget.perHour, maxWaitMs: plan.budget.maxWaitSeconds * 1000 },
    clock,
    sleep,
    {
      lastMinute: await state.writesSince(rname, new Date(clock.now().getTime() - 60_000).toISOString()),
      lastHour: await state.writesSince(rname, new Date(clock.now().getTime() - 3_600_000).toISOString()),
    },
  );

  if (!(await state.acquireLock(rname, opts.runId, iso(), ttlMs))) {
    const held = await state.lockInfo(rname);
    for (const a of plan.actions) {
      push(base(a, 'failed', 0, `another run (${held?.holder ?? 'unknown'}) holds the lock on ${rname} until ${held?.expiresAt ?? '?'}; nothing written`));
    }
    return summary('held');
  }

  try {
    const ctx: Ctx = { plan, port, state, repo, rname, clock, iso, budget, runId: opts.runId, marginMs: opts.reconcileMarginMs ?? 10 * 60_000, countWrite: () => writes++ };
    await ensureLabels(ctx, labelsCreated);
    const failedKeys = new Set<string>();
    let consecutive = 0;
    let stopReason: { status: ActionStatus; reason: string } | undefined;
    for (const action of plan.actions) {
      if (stopReason) {
        // A noop needs no request: it stays done even when writing had to stop.
        push(action.kind === 'noop' ? base(action, 'done', 0, action.reason) : base(action, stopReason.status, 0, stopReason.reason));
        continue;
      }
      if (action.kind === 'defer') {
        push(base(action, action.cause === 'read-failed' ? 'failed' : 'deferred', 0, action.reason));
        continue;
      }
      if (failedKeys.has(action.incidentKey)) {
        push(base(action, 'skipped', 0, 'an earlier change for this incident did not go through; nothing more written for it'));
        continue;
      }
      await state.acquireLock(rname, opts.runId, iso(), ttlMs); // renews our lock for long runs
      const before = writes;
      let outcome: ActionResult;
      for (;;) {
        try {
          outcome = await execute(ctx, action);
          consecutive = 0;
          break;
        } catch (err) {
          if (err instanceof Deferral) {
            stopReason = { status: 'deferred', reason: `not attempted: ${err.message}` };
            // A create whose issue went through but whose status comment did not still names its issue.
            const created = action.kind === 'create' ? (await state.issueNumbers(rname))[action.incidentKey] : undefined;
            const partly = created !== undefined && writes > before ? `issue #${created} created; the rest deferred: ` : '';
            outcome = base(action, 'deferred', writes - before, `${partly}${err.message}`, created);
            break;
          }
          const ge = isGithubError(err) ? err : new GithubError('response', action.kind, String(err), { cause: err });
          if (ge.failure === 'rate-limit') {
            const waitMs = ge.retryAfterMs ?? 60_000;
            if (await budget.wait(waitMs)) continue; // every action re-reads before writing, so a retry is safe
            const reason = `GitHub rate limit (HTTP ${ge.status ?? '?'}), Retry-After ${Math.ceil(waitMs / 1000)} s exceeds what this run may still wait; next run`;
            stopReason = { status: 'deferred', reason: `not attempted: ${reason}` };
            outcome = base(action, 'deferred', writes - before, reason);
            break;
          }
          failedKeys.add(action.incidentKey);
          outcome = base(action, 'failed', writes - before, `${ge.message}${ge.hint ? ` (${ge.hint})` : ''}`);
          if (ge.failure === 'network' || ge.failure === 'server') {
            consecutive++;
            if (consecutive >= (opts.maxConsecutiveFailures ?? 3)) {
              stopReason = { status: 'failed', reason: `not attempted: GitHub failed ${consecutive} times in a row (last: ${ge.message})` };
            }
          }
          break;
        }
      }
      // Keep the store in step with GitHub (numbers found by marker when the store had none).
      if (outcome.issueNumber !== undefined && outcome.status === 'done' && action.kind !== 'link') {
        await state.setIssueNumber(rname, action.incidentKey, outcome.issueNumber);
      }
      push(outcome);
    }
  } finally {
    await state.releaseLock(rname, opts.runId);
  }
  return summary('acquired');
}

interface Ctx {
  plan: GithubPlan;
  port: GithubPort;
  state: GithubState;
  repo: RepoRef;
  rname: string;
  clock: Clock;
  iso: () => string;
  budget: WriteBudget;
  runId: string;
  marginMs: number;
  countWrite: () => void;
}

function base(a: PlanAction, status: ActionStatus, writes: number, reason: string, issueNumber?: number): ActionResult {
  const n = issueNumber ?? ('issueNumber' in a && typeof a.issueNumber === 'number' ? a.issueNumber : undefined);
  return { actionId: a.id, kind: a.kind, incidentKey: a.incidentKey, priority: a.priority, status, writes, reason, ...(n !== undefined ? { issueNumber: n } : {}) };
}

/** One journaled write: budget, intent, the call, the result. */
async function write<T>(ctx: Ctx, a: PlanAction, step: string, idempotent: boolean, fn: () => Promise<T>, result: (t: T) => { issueNumber?: number; commentId?: number }): Promise<T> {
  const grant = await ctx.budget.take();
  if (!grant.ok) throw new Deferral(grant.reason);
  // Idempotent writes (edits) get a per-run journal id; creates keep the stable one so a resumed
  // run finds the intent the killed run left behind.
  const id = idempotent ? `${a.id}:${step}:${ctx.runId}` : `${a.id}:${step}`;
  await ctx.state.journalIntent({ repo: ctx.rname, id, runId: ctx.runId, incidentKey: a.incidentKey, kind: `${a.kind}/${step}`, at: ctx.iso() });
  ctx.countWrite();
  try {
    const out = await fn();
    await ctx.state.journalResult(ctx.rname, id, 'done', ctx.iso(), result(out));
    return out;
  } catch (err) {
    // A lost response may still have been carried out: the intent stays open for reconciliation
    // unless GitHub definitely refused (4xx).
    const refused = isGithubError(err) && err.status !== undefined && err.status >= 400 && err.status < 500;
    if (refused) await ctx.state.journalResult(ctx.rname, id, 'failed', ctx.iso(), { error: err.message });
    throw err;
  }
}

async function ensureLabels(ctx: Ctx, created: string[]): Promise<void> {
  if (ctx.plan.labelsToCreate.length === 0) return;
  let existing: Set<string>;
  try {
    existing = new Set((await ctx.port.listLabels(ctx.repo)).map((l) => l.name.toLowerCase()));
  } catch {
    return; // GitHub creates a missing label itself (grey) when an issue uses it: not worth failing for.
  }
  for (const label of ctx.plan.labelsToCreate) {
    if (existing.has(label.name.toLowerCase())) continue;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        ctx.countWrite();
        await ctx.port.createLabel(ctx.repo, label);
        created.push(label.name);
        break;
      } catch (err) {
        // Rate limited: wait if the run may, and try again. 422: created meanwhile by someone else.
        // Anything else: GitHub creates a missing label itself (grey) when an issue uses it, so a
        // failure here is not worth failing the run for.
        if (isGithubError(err) && err.failure === 'rate-limit' && (await ctx.budget.wait(err.retryAfterMs ?? 60_000))) continue;
        break;
      }
    }
  }
}

async function execute(ctx: Ctx, a: PlanAction): Promise<ActionResult> {
  switch (a.kind) {
    case 'noop':
      return base(a, 'done', 0, a.reason);
    case 'defer':
      return base(a, 'deferred', 0, a.reason);
    case 'create':
      return create(ctx, a);
    case 'update-status':
      return updateStatus(ctx, a, a.issueNumber!, a.body, 0);
    case 'comment': {
      const comments = await ownComments(ctx, a.issueNumber!);
      if (hasEvent(comments, a.incidentKey, a.eventId)) return base(a, 'done', 0, `${a.event} comment already posted`);
      await write(ctx, a, 'comment', false, () => ctx.port.createComment(ctx.repo, a.issueNumber!, a.body), (c) => ({ commentId: c.id }));
      return base(a, 'done', 1, a.reason);
    }
    case 'relabel': {
      const issue = await ctx.port.getIssue(ctx.repo, a.issueNumber);
      const remove = new Set(a.remove.map((l) => l.toLowerCase()));
      const labels = issue.labels.filter((l) => !remove.has(l.toLowerCase()));
      for (const l of a.add) if (!labels.some((x) => x.toLowerCase() === l.toLowerCase())) labels.push(l);
      const retitle = a.title !== undefined && a.title !== issue.title;
      if (sameLabels(labels, issue.labels) && !retitle) return base(a, 'done', 0, 'labels already as planned');
      await write(ctx, a, 'labels', true, () => ctx.port.updateIssue(ctx.repo, a.issueNumber, { labels, ...(retitle ? { title: a.title! } : {}) }), () => ({ issueNumber: a.issueNumber }));
      return base(a, 'done', 1, a.reason);
    }
    case 'reopen': {
      const issue = await ctx.port.getIssue(ctx.repo, a.issueNumber);
      if (issue.state === 'open') return base(a, 'done', 0, 'already open');
      if (issue.stateReason !== 'completed') return base(a, 'skipped', 0, `closed as ${issue.stateReason ?? 'unknown'} since the plan was made; not reopened`);
      await write(ctx, a, 'reopen', true, () => ctx.port.updateIssue(ctx.repo, a.issueNumber, { state: 'open', stateReason: 'reopened' }), () => ({ issueNumber: a.issueNumber }));
      return base(a, 'done', 1, a.reason);
    }
    case 'link':
      return link(ctx, a);
  }
}

async function ownComments(ctx: Ctx, issueNumber: number): Promise<GhComment[]> {
  const bot = ctx.plan.botLogin.toLowerCase();
  return (await ctx.port.listComments(ctx.repo, issueNumber)).filter((c) => c.author.toLowerCase() === bot);
}

async function updateStatus(ctx: Ctx, a: PlanAction, issueNumber: number, body: string, writesSoFar: number): Promise<ActionResult> {
  const status = findStatusComment(await ownComments(ctx, issueNumber), a.incidentKey);
  if (status && status.body === body) return base(a, 'done', writesSoFar, writesSoFar > 0 ? a.reason : 'status comment already current', issueNumber);
  if (status) await write(ctx, a, 'status', true, () => ctx.port.updateComment(ctx.repo, status.id, body), (c) => ({ commentId: c.id }));
  else await write(ctx, a, 'status', false, () => ctx.port.createComment(ctx.repo, issueNumber, body), (c) => ({ commentId: c.id }));
  return base(a, 'done', writesSoFar + 1, a.reason, issueNumber);
}

async function create(ctx: Ctx, a: Extract<PlanAction, { kind: 'create' }>): Promise<ActionResult> {
  // Read right before writing: did an earlier (killed) run, or a lost response, already create it?
  const prior = await ctx.state.journalEntry(ctx.rname, `${a.id}:issue`);
  const from = Math.min(Date.parse(ctx.plan.snapshotReadAt), prior ? Date.parse(prior.at) : Infinity) - ctx.marginMs;
  const since = new Date(from).toISOString();
  const bot = ctx.plan.botLogin.toLowerCase();
  const found = (await ctx.port.listIssues(ctx.repo, { state: 'all', creator: ctx.plan.botLogin, since }))
    .filter((i) => i.author.toLowerCase() === bot && parseIssueMarker(i.body)?.key === a.incidentKey && i.number !== a.regressionOf && Date.parse(i.createdAt) >= from)
    .sort((x, y) => x.number - y.number)[0];
  let issueNumber: number;
  let writes = 0;
  let how: string;
  if (found) {
    issueNumber = found.number;
    how = `already created as #${found.number} (found by its marker on the issues list); not created again`;
    if (prior && prior.status !== 'done') await ctx.state.journalResult(ctx.rname, prior.id, 'done', ctx.iso(), { issueNumber });
  } else {
    const issue = await write(ctx, a, 'issue', false, () => ctx.port.createIssue(ctx.repo, { title: a.title, body: a.body, labels: a.labels }), (i) => ({ issueNumber: i.number }));
    issueNumber = issue.number;
    writes = 1;
    how = a.reason;
  }
  await ctx.state.setIssueNumber(ctx.rname, a.incidentKey, issueNumber);
  // The living status comment: a fresh issue has no comments, a found one may.
  const r = found ? await updateStatus(ctx, a, issueNumber, a.statusBody, writes) : await (async () => {
    await write(ctx, a, 'status', false, () => ctx.port.createComment(ctx.repo, issueNumber, a.statusBody), (c) => ({ commentId: c.id }));
    return base(a, 'done', writes + 1, how, issueNumber);
  })();
  return { ...r, reason: how };
}

async function link(ctx: Ctx, a: Extract<PlanAction, { kind: 'link' }>): Promise<ActionResult> {
  const numbers = await ctx.state.issueNumbers(ctx.rname);
  const issueNumber = a.issueNumber ?? numbers[a.incidentKey];
  if (issueNumber === undefined) return base(a, 'skipped', 0, 'the issue was not created; nothing to link');
  const links: RelatedLink[] = [];
  for (const t of a.related) {
    const n = t.issueNumber ?? (t.incidentKey !== undefined ? numbers[t.incidentKey] : undefined);
    if (n !== undefined && n !== issueNumber) links.push({ issueNumber: n, reason: relatedReason(t.reason, ctx.plan.redactEmails) });
  }
  const issue = await ctx.port.getIssue(ctx.repo, issueNumber);
  const parsed = parseIssueBody(issue.body);
  if (!parsed || parsed.key !== a.incidentKey) return base(a, 'skipped', 0, `issue #${issueNumber} no longer carries this incident's marker; not edited`, issueNumber);
  // A regression issue keeps its link to the issue it regresses.
  const keep = keptLinks(parsed.related, links);
  const body = withRelatedBlock(issue.body ?? '', [...keep, ...links]);
  if (body === issue.body) return base(a, 'done', 0, 'related issues already linked', issueNumber);
  await write(ctx, a, 'link', true, () => ctx.port.updateIssue(ctx.repo, issueNumber, { body }), () => ({ issueNumber }));
  return base(a, 'done', 1, `linked ${links.map((l) => `#${l.issueNumber}`).join(', ') || 'none'}`, issueNumber);
}

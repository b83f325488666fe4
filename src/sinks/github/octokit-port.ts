import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Clock } from '../../core/clock.js';
import { systemClock } from '../../core/clock.js';
import { GithubError, toGithubError } from './errors.js';
import type { GhIssue, GithubPort, RepoRef } from './port.js';
import { toComment, toIssue, toLabel, toUser } from './schema.js';

// The Octokit adapter: the only file importing @octokit/*. Throttling (GitHub's advised spacing of
// writes, Retry-After and x-ratelimit-reset) and retry (5xx) come from the official plugins; errors
// become GithubError at one point (`call`); responses are validated by schema.ts as they arrive.

export interface OctokitPortOptions {
  token: string;
  /** GITHUB_API_URL; default https://api.github.com. */
  baseUrl?: string;
  userAgent?: string;
  /** Retries of idempotent requests on 5xx (plugin-retry); creates are never retried blindly. */
  retries?: number;
  /** Multiplies every wait (Retry-After seconds, retry back-off); 1000 = real seconds. Tests pass ~1. */
  retryAfterBaseValue?: number;
  /** How many times the throttling plugin itself waits out a limit before the error reaches the applier. */
  rateLimitRetries?: number;
  /** false leaves all waiting to the applier (tests use this to inject sleeps). */
  throttle?: boolean;
  /** Per call, its retries included; a hung connection must not hang the run. Default 30 s. */
  timeoutMs?: number;
  clock?: Clock;
  /** Called when a limit is hit and waited out; for the CLI's progress output. */
  onLimit?: (event: { kind: 'primary' | 'secondary'; retryAfterSeconds: number; method: string; url: string }) => void;
}

const ThrottledOctokit = Octokit.plugin(throttling, retry);

export function createOctokitPort(opts: OctokitPortOptions): GithubPort {
  const clock = opts.clock ?? systemClock;
  const rateLimitRetries = opts.rateLimitRetries ?? 2;
  const base = opts.retryAfterBaseValue ?? 1000;
  const onLimit = (kind: 'primary' | 'secondary') => (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
    opts.onLimit?.({ kind, retryAfterSeconds: retryAfter, method: options.method, url: options.url });
    return retryCount < rateLimitRetries;
  };
  const octokit = new ThrottledOctokit({
    auth: opts.token,
    baseUrl: (opts.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: opts.userAgent ?? 'log-gardener',
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    retry: { retries: opts.retries ?? 2, retryAfterBaseValue: base },
    throttle:
      opts.throttle === false
        ? { enabled: false }
        : { retryAfterBaseValue: base, onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
  });

  const timeoutMs = opts.timeoutMs ?? 30_000;
  // One deadline per call (registered after the plugins, so it spans their retries).
  octokit.hook.before('request', (options) => {
    options.request = { ...options.request, signal: AbortSignal.timeout(timeoutMs) };
  });

  async function call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await fn();
    } catch (err) {
      throw toGithubError(operation, err, clock.now().getTime());
    }
    return result;
  }
  function validated<T>(operation: string, map: () => T): T {
    try {
      return map();
    } catch (err) {
      throw new GithubError('response', operation, err instanceof Error ? err.message : String(err), { cause: err });
    }
  }
  const r = (repo: RepoRef) => ({ owner: repo.owner, repo: repo.repo });
  // A create that failed after GitHub may have committed it must not be replayed blindly: the
  // applier reconciles through the marker first. So creates get no automatic retry.
  const noRetry = { request: { retries: 0 } };

  return {
    getAuthenticatedUser: async () => {
      const res = await call('get authenticated user', () => octokit.rest.users.getAuthenticated());
      return validated('get authenticated user', () => toUser(res.data));
    },
    listIssues: async (repo, q) => {
      const op = `list issues of ${repo.owner}/${repo.repo}`;
      const data = await call(op, () =>
        octokit.paginate(octokit.rest.issues.listForRepo, {
          ...r(repo),
          state: q.state ?? 'all',
          ...(q.labels && q.labels.length > 0 ? { labels: q.labels.join(',') } : {}),
          ...(q.creator ? { creator: q.creator } : {}),
          ...(q.since ? { since: q.since } : {}),
          sort: 'created',
          direction: 'asc',
          per_page: q.perPage ?? 100,
        }),
      );
      return validated(op, () => data.map((d) => toIssue(d)).filter((i): i is GhIssue => i !== undefined));
    },
    getIssue: async (repo, issueNumber) => {
      const op = `get issue #${issueNumber}`;
      const res = await call(op, () => octokit.rest.issues.get({ ...r(repo), issue_number: issueNumber }));
      const issue = validated(op, () => toIssue(res.data));
      if (!issue) throw new GithubError('not-found', op, 'it is a pull request, not an issue');
      return issue;
    },
    createIssue: async (repo, issue) => {
      const op = 'create issue';
      const res = await call(op, () => octokit.rest.issues.create({ ...r(repo), title: issue.title, body: issue.body, labels: issue.labels, ...noRetry }));
      const created = validated(op, () => toIssue(res.data));
      if (!created) throw new GithubError('response', op, 'GitHub returned a pull request');
      return created;
    },
    updateIssue: async (repo, issueNumber, patch) => {
      const op = `update issue #${issueNumber}`;
      const res = await call(op, () =>
        octokit.rest.issues.update({
          ...r(repo),
          issue_number: issueNumber,
          ...(patch.title !== undefined ? { title: patch.title } : {}),
          ...(patch.body !== undefined ? { body: patch.body } : {}),
          ...(patch.labels !== undefined ? { labels: patch.labels } : {}),
          ...(patch.state !== undefined ? { state: patch.state } : {}),
          ...(patch.stateReason !== undefined ? { state_reason: patch.stateReason } : {}),
        }),
      );
      const updated = validated(op, () => toIssue(res.data));
      if (!updated) throw new GithubError('response', op, 'GitHub returned a pull request');
      return updated;
    },
    listComments: async (repo, issueNumber) => {
      const op = `list comments of #${issueNumber}`;
      const data = await call(op, () => octokit.paginate(octokit.rest.issues.listComments, { ...r(repo), issue_number: issueNumber, per_page: 100 }));
      return validated(op, () => data.map((d) => toComment(d)));
    },
    createComment: async (repo, issueNumber, body) => {
      const op = `comment on #${issueNumber}`;
      const res = await call(op, () => octokit.rest.issues.createComment({ ...r(repo), issue_number: issueNumber, body, ...noRetry }));
      return validated(op, () => toComment(res.data));
    },
    updateComment: async (repo, commentId, body) => {
      const op = `update comment ${commentId}`;
      const res = await call(op, () => octokit.rest.issues.updateComment({ ...r(repo), comment_id: commentId, body }));
      return validated(op, () => toComment(res.data));
    },
    listLabels: async (repo) => {
      const op = 'list labels';
      const data = await call(op, () => octokit.paginate(octokit.rest.issues.listLabelsForRepo, { ...r(repo), per_page: 100 }));
      return validated(op, () => data.map((d) => toLabel(d)));
    },
    createLabel: async (repo, label) => {
      const op = `create label ${label.name}`;
      const res = await call(op, () =>
        octokit.rest.issues.createLabel({ ...r(repo), name: label.name, color: label.color, ...(label.description ? { description: label.description } : {}), ...noRetry }),
      );
      return validated(op, () => toLabel(res.data));
    },
  };
}

import { GardenerError } from '../../core/errors.js';

// Every failure of a GitHub call becomes one GithubError, converted at one point (the adapter's
// `call` wrapper), carrying the HTTP status, the operation and the original error as `cause`, so the
// applier can tell "wait and retry" from "give up on this incident" without parsing messages.

export type GithubFailure =
  | 'rate-limit' // primary or secondary limit; retryAfterMs says when
  | 'auth' // 401, or 403 without rate-limit signs
  | 'not-found'
  | 'invalid' // 422 and friends: the request was wrong
  | 'server' // 5xx
  | 'network' // no response at all (reset, refused, timeout)
  | 'response'; // a response that did not match the expected shape

export class GithubError extends GardenerError {
  readonly failure: GithubFailure;
  readonly status: number | undefined;
  readonly operation: string;
  readonly retryAfterMs: number | undefined;
  constructor(
    failure: GithubFailure,
    operation: string,
    message: string,
    opts: { status?: number; retryAfterMs?: number; cause?: unknown; hint?: string } = {},
  ) {
    super(failure === 'auth' ? 'auth' : 'remote', `GitHub ${operation}: ${message}`, { cause: opts.cause, hint: opts.hint });
    this.name = 'GithubError';
    this.failure = failure;
    this.status = opts.status;
    this.operation = operation;
    this.retryAfterMs = opts.retryAfterMs;
  }
}

export const isGithubError = (e: unknown): e is GithubError => e instanceof GithubError;

interface HttpLikeError {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, unknown>; data?: unknown };
}

/**
 * Classifies anything a request threw. `nowMs` turns `x-ratelimit-reset` (epoch seconds) into a
 * wait; it is the caller's clock so tests stay deterministic.
 */
export function toGithubError(operation: string, err: unknown, nowMs: number): GithubError {
  if (err instanceof GithubError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as HttpLikeError;
  const status = typeof e.status === 'number' ? e.status : undefined;
  const message = typeof e.message === 'string' ? e.message : String(err);
  const headers = e.response?.headers ?? {};
  const header = (name: string): string | undefined => {
    const v = headers[name];
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
  };
  // Octokit reports a transport failure (reset, refused) as status 500 without a response.
  if (status === undefined || status === 0 || e.response === undefined) {
    return new GithubError('network', operation, `no response: ${message}`, { cause: err, hint: 'Check GITHUB_API_URL and the network.' });
  }
  const retryAfter = Number(header('retry-after'));
  const remaining = header('x-ratelimit-remaining');
  const reset = Number(header('x-ratelimit-reset'));
  const secondary = /secondary rate limit/i.test(message) || /secondary rate limit/i.test(JSON.stringify(e.response?.data ?? ''));
  if ((status === 403 || status === 429) && (secondary || Number.isFinite(retryAfter) && header('retry-after') !== undefined || remaining === '0')) {
    let waitMs: number;
    if (Number.isFinite(retryAfter) && header('retry-after') !== undefined) waitMs = retryAfter * 1000;
    else if (remaining === '0' && Number.isFinite(reset)) waitMs = Math.max(0, reset * 1000 - nowMs) + 1000;
    else waitMs = 60_000; // GitHub's advice when a secondary limit gives no Retry-After: wait at least a minute
    return new GithubError('rate-limit', operation, `rate limited (HTTP ${status}): ${message}`, {
      status, retryAfterMs: waitMs, cause: err, hint: 'Wait, or lower the write budget (github.budget.perMinute).',
    });
  }
  if (status === 401 || status === 403) {
    return new GithubError('auth', operation, `HTTP ${status}: ${message}`, {
      status, cause: err, hint: 'Check GITHUB_TOKEN: it needs issues:write on the repository.',
    });
  }
  if (status === 404 || status === 410) return new GithubError('not-found', operation, `HTTP ${status}: ${message}`, { status, cause: err });
  if (status !== undefined && status >= 500) return new GithubError('server', operation, `HTTP ${status}: ${message}`, { status, cause: err });
  return new GithubError('invalid', operation, `HTTP ${status ?? '?'}: ${message}`, { status, cause: err });
}

import type { Clock } from '../../core/clock.js';
import { seededRandom } from '../../core/random.js';

// Request pacing and backoff. Cloud Logging allows 60 entries:list requests per minute per
// project; a rolling-window limiter keeps every request (retries included) under that, so we
// never earn the 429s we would then have to wait out.

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class RollingRateLimiter {
  private readonly starts: number[] = [];
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
  ) {
    if (!(max >= 1)) throw new RangeError(`rate limit must be at least 1 request per window, got ${max}`);
  }

  /** Waits until one more request fits in the rolling window, then records it. Returns the wait in ms. */
  async acquire(): Promise<number> {
    let waited = 0;
    for (;;) {
      const now = this.clock.now().getTime();
      while (this.starts.length > 0 && (this.starts[0] ?? 0) <= now - this.windowMs) this.starts.shift();
      if (this.starts.length < this.max) {
        this.starts.push(now);
        return waited;
      }
      // The oldest start leaves the window at oldest + windowMs.
      const wait = (this.starts[0] ?? now) + this.windowMs - now;
      waited += wait;
      await this.sleep(wait);
    }
  }
}

export interface BackoffPolicy {
  /** First delay; doubles per attempt. */
  baseMs: number;
  maxMs: number;
  /** Upper bound for a server-requested delay (Retry-After / RetryInfo). */
  maxServerDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 32_000, maxServerDelayMs: 300_000 };

/**
 * Delay before retry number `attempt` (0-based): exponential with "equal jitter" (half fixed,
 * half random) so concurrent gardeners spread out; a server-requested delay wins when longer.
 */
export function backoffDelay(attempt: number, random: () => number, policy: BackoffPolicy, serverDelayMs?: number): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  const jittered = Math.round(exp / 2 + random() * (exp / 2));
  if (serverDelayMs === undefined) return jittered;
  return Math.max(Math.min(serverDelayMs, policy.maxServerDelayMs), 0);
}

export { seededRandom };

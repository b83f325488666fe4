import type { Clock } from '../../core/clock.js';

// The write budget: at most `perMinute` writes in any 60 s and `perHour` in any hour (earlier runs'
// writes, from the journal, count too). When the budget is spent the applier may wait, but only
// `maxWaitMs` in total per run; past that the rest is deferred to the next run with a reason.
// Sleep and clock are injected so tests wait in simulated time.

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface BudgetLimits {
  perMinute: number;
  perHour: number;
  maxWaitMs: number;
}

export type Grant = { ok: true } | { ok: false; reason: string };

export class WriteBudget {
  private readonly times: number[] = [];
  private waitedMs = 0;

  constructor(
    private readonly limits: BudgetLimits,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
    /** Writes by earlier runs: in the last minute and the last hour before this run started. */
    prior: { lastMinute: number; lastHour: number },
  ) {
    const start = clock.now().getTime();
    // Earlier writes are placed at the start of the run: conservative, never over the limit.
    for (let i = 0; i < prior.lastHour; i++) this.times.push(start - (i < prior.lastMinute ? 0 : 60_000));
  }

  get waited(): number {
    return this.waitedMs;
  }

  /** Asks for one write; waits within the run's wait allowance, or says why not. */
  async take(): Promise<Grant> {
    for (;;) {
      const now = this.clock.now().getTime();
      const inMinute = this.times.filter((t) => t > now - 60_000);
      const inHour = this.times.filter((t) => t > now - 3_600_000);
      let waitMs = 0;
      let which = '';
      if (inHour.length >= this.limits.perHour) {
        waitMs = Math.min(...inHour) + 3_600_000 - now;
        which = `${this.limits.perHour} writes/hour`;
      } else if (inMinute.length >= this.limits.perMinute) {
        waitMs = Math.min(...inMinute) + 60_000 - now;
        which = `${this.limits.perMinute} writes/minute`;
      }
      if (waitMs <= 0) {
        this.times.push(now);
        return { ok: true };
      }
      const granted = await this.wait(waitMs);
      if (!granted) return { ok: false, reason: `write budget of ${which} spent; waiting ${Math.ceil(waitMs / 1000)} s more would exceed the ${Math.round(this.limits.maxWaitMs / 1000)} s this run may wait` };
    }
  }

  /** Waits `ms` if the run's allowance permits; false otherwise. */
  async wait(ms: number): Promise<boolean> {
    if (this.waitedMs + ms > this.limits.maxWaitMs) return false;
    this.waitedMs += ms;
    await this.sleep(ms);
    return true;
  }
}

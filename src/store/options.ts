// Retention and baseline settings shared by every backend, so the three behave alike.

export interface StoreOptions {
  /**
   * How far behind the newest run window a service's seen insertIds are kept (days). Older ids are
   * pruned when a run finishes, and entries older than that horizon are never claimed fresh again:
   * re-reading an ancient window counts nothing rather than counting it twice. Default 14.
   */
  seenRetentionDays?: number;
  /**
   * How many days of per-minute counts before the newest run window the baseline rests on; counts
   * older than that are pruned when a run finishes. Longer = a steadier baseline but more rows. Default 7.
   */
  baselineDays?: number;
}

export interface ResolvedStoreOptions {
  seenRetentionMs: number;
  baselineMs: number;
}

const DAY_MS = 86_400_000;

export function resolveStoreOptions(options: StoreOptions = {}): ResolvedStoreOptions {
  return {
    seenRetentionMs: (options.seenRetentionDays ?? 14) * DAY_MS,
    baselineMs: (options.baselineDays ?? 7) * DAY_MS,
  };
}

/** Where the SQLite state lives when nothing else is configured (relative to the working directory). */
export const DEFAULT_STATE_PATH = '.log-gardener/state.db';

// UTC minute arithmetic shared by the run's accumulators. Minutes are ISO strings
// ("2025-09-07T13:21:00Z") so they sort and print the same everywhere.

export const MINUTE_MS = 60_000;

export function minuteOf(timeMs: number): number {
  return Math.floor(timeMs / MINUTE_MS) * MINUTE_MS;
}

export function isoMinute(minuteMs: number): string {
  return new Date(minuteMs).toISOString().replace(/:\d\d\.\d{3}Z$/, ':00Z');
}

/** ISO UTC without milliseconds when they are zero, for window bounds. */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

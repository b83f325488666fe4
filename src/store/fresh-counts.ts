import { MINUTE_MS } from './time.js';

/**
 * Per-minute counts of the entries claimFresh returned as fresh: what IncidentObservation.freshPerMinute
 * wants. Entries not in `fresh` (seen by an earlier run) are left out, so nothing is counted twice.
 * Minutes are ISO strings ("2025-09-07T13:21:00.000Z"), sorted.
 */
export function countFresh(entries: Iterable<{ insertId: string; timeMs: number }>, fresh: ReadonlySet<string>): { minute: string; count: number }[] {
  const byMinute = new Map<number, number>();
  for (const e of entries) {
    if (!fresh.has(e.insertId)) continue;
    const m = Math.floor(e.timeMs / MINUTE_MS) * MINUTE_MS;
    byMinute.set(m, (byMinute.get(m) ?? 0) + 1);
  }
  return [...byMinute]
    .sort((a, b) => a[0] - b[0])
    .map(([m, count]) => ({ minute: new Date(m).toISOString(), count }));
}

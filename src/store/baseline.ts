import { MINUTE_MS, ceilMinute, floorMinute } from './time.js';

// How the baseline is computed, identically for every backend (see docs/store.md):
// - The observed minutes of a service are the union of the windows of its finished runs (status ok or
//   partial), each widened to whole minutes [floor(from), ceil(to)), clipped to the baseline horizon.
// - The horizon is floor(newest window end) minus baselineDays.
// - An incident's baselinePerMinute is the sum of its stored (fresh) per-minute counts in observed
//   minutes, divided by the number of observed minutes; baselineMinutes is that number of minutes.
// Failed runs are left out; a run that crashed before finishing is left out too, and so are counts in
// minutes no counted window covers, so numerator and denominator always rest on the same minutes.

export interface RunWindow {
  fromMs: number;
  toMs: number;
}

/** Merged, sorted, minute-aligned intervals [from, to) that the runs observed, from `horizonMs` on. */
export interface ObservedMinutes {
  horizonMs: number;
  intervals: [number, number][];
  minutes: number;
}

export function observedMinutes(windows: readonly RunWindow[], baselineMs: number): ObservedMinutes {
  if (windows.length === 0) return { horizonMs: 0, intervals: [], minutes: 0 };
  const newest = Math.max(...windows.map((w) => w.toMs));
  const horizonMs = baselineHorizon(newest, baselineMs);
  const spans = windows
    .map((w): [number, number] => [Math.max(floorMinute(w.fromMs), horizonMs), ceilMinute(w.toMs)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const intervals: [number, number][] = [];
  for (const [a, b] of spans) {
    const last = intervals[intervals.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else intervals.push([a, b]);
  }
  const minutes = intervals.reduce((n, [a, b]) => n + (b - a) / MINUTE_MS, 0);
  return { horizonMs, intervals, minutes };
}

export const baselineHorizon = (newestWindowEndMs: number, baselineMs: number): number =>
  floorMinute(newestWindowEndMs) - baselineMs;

/** True when the minute starting at `minuteMs` lies in an observed interval (binary search). */
export function isObserved(observed: ObservedMinutes, minuteMs: number): boolean {
  const iv = observed.intervals;
  let lo = 0;
  let hi = iv.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = iv[mid] as [number, number];
    if (minuteMs < a) hi = mid - 1;
    else if (minuteMs >= b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Sums counts keyed by `key` over observed minutes only. */
export function sumObserved(
  observed: ObservedMinutes,
  rows: Iterable<{ key: string; minuteMs: number; count: number }>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    if (!isObserved(observed, r.minuteMs)) continue;
    out.set(r.key, (out.get(r.key) ?? 0) + r.count);
  }
  return out;
}

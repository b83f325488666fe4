import { GardenerError } from '../core/errors.js';

// Times arrive as ISO strings. The store keeps the string verbatim (full precision, as given) and its
// epoch milliseconds beside it, because ISO strings of mixed precision do not sort as text
// ("…:00.5Z" < "…:00Z").

export const MINUTE_MS = 60_000;

export function isoToMs(iso: string, what: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) {
    throw new GardenerError('store', `invalid time for ${what}: ${JSON.stringify(iso)}`, {
      hint: 'pass ISO 8601 UTC timestamps, e.g. 2025-09-07T13:21:00Z',
    });
  }
  return ms;
}

export const floorMinute = (ms: number): number => Math.floor(ms / MINUTE_MS) * MINUTE_MS;
export const ceilMinute = (ms: number): number => Math.ceil(ms / MINUTE_MS) * MINUTE_MS;

/** Adds fresh per-minute counts into a map keyed by minute start (ms); minute strings of any precision agree. */
export function sumPerMinute(counts: { minute: string; count: number }[], what: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const { minute, count } of counts) {
    if (!Number.isInteger(count) || count < 0) {
      throw new GardenerError('store', `invalid per-minute count ${count} for ${what} at ${minute}`, {
        hint: 'counts are non-negative integers of fresh entries',
      });
    }
    if (count === 0) continue;
    const m = floorMinute(isoToMs(minute, `${what} minute`));
    out.set(m, (out.get(m) ?? 0) + count);
  }
  return out;
}

import type { MinuteCount } from '../../core/incident.js';

const BARS = '▁▂▃▄▅▆▇█';

/**
 * A small text sparkline of per-minute counts, gaps filled with zero minutes, at most `width`
 * characters (minutes are summed into equal buckets when there are more). Empty for no data.
 */
export function sparkline(perMinute: readonly MinuteCount[], width = 60): string {
  if (perMinute.length === 0) return '';
  const sorted = [...perMinute].sort((a, b) => a.minute.localeCompare(b.minute));
  const start = Date.parse(sorted[0]!.minute);
  const end = Date.parse(sorted.at(-1)!.minute);
  const minutes = Math.floor((end - start) / 60_000) + 1;
  if (!Number.isFinite(minutes) || minutes <= 0) return '';
  const buckets = Math.min(width, minutes);
  const values = new Array<number>(buckets).fill(0);
  for (const m of sorted) {
    const i = Math.floor(((Date.parse(m.minute) - start) / 60_000) * (buckets / minutes));
    values[Math.min(buckets - 1, Math.max(0, i))]! += m.count;
  }
  const max = Math.max(...values);
  if (max <= 0) return BARS[0]!.repeat(buckets);
  return values.map((v) => (v === 0 ? '·' : BARS[Math.min(BARS.length - 1, Math.floor((v / max) * (BARS.length - 1)))]!)).join('');
}

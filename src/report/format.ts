// Locale-independent formatting for the worklog. Never toLocaleString or Intl: the same model must
// give the same bytes on every machine, whatever its LANG.

/** An integer with comma thousands separators: 12345 -> "12,345". */
export function formatInt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.trunc(Math.abs(n)));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return sign + out;
}

/** A number with at most `digits` decimals, trailing zeros dropped: 4.20 -> "4.2", 3 -> "3". */
export function formatDecimal(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return formatInt(n);
  const fixed = n.toFixed(digits).replace(/\.?0+$/, '');
  const [whole = '0', frac] = fixed.split('.');
  const w = formatInt(Number(whole));
  // Keep "-0.5" when the whole part rounds to zero.
  const signed = whole.startsWith('-') && w === '0' ? '-0' : w;
  return frac === undefined ? signed : `${signed}.${frac}`;
}

/** A share in [0, 1] as a percentage with one decimal: 0.4231 -> "42.3%". */
export function formatPercent(share: number): string {
  return `${formatDecimal(share * 100, 1)}%`;
}

export function formatMs(ms: number): string {
  return `${formatDecimal(ms, 1)} ms`;
}

/**
 * A filesystem-safe compact UTC stamp of an ISO instant: "2025-09-07T13:20:00Z" -> "20250907T132000Z".
 * Milliseconds are kept only when not zero ("20250907T132000.250Z") so distinct windows never collide.
 */
export function compactUtcStamp(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not an ISO timestamp: ${JSON.stringify(iso)}`);
  const full = new Date(ms).toISOString(); // 2025-09-07T13:20:00.000Z
  const base = full.slice(0, 19).replace(/[-:]/g, '');
  const millis = full.slice(20, 23);
  return millis === '000' ? `${base}Z` : `${base}.${millis}Z`;
}

/** Whole minutes between two ISO instants (for "60 min" next to an exact window). */
export function minutesBetween(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / 60_000;
}

/** Human duration of a window: 60 -> "60 min", 1440 -> "24 h", 90.5 -> "90.5 min". */
export function formatDuration(minutes: number): string {
  if (minutes >= 120 && Number.isInteger(minutes / 60)) return `${formatInt(minutes / 60)} h`;
  return `${formatDecimal(minutes, 2)} min`;
}

/** "1 instance", "3 instances", "1,204 entries". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatInt(n)} ${n === 1 ? singular : plural}`;
}

import { usageError } from '../../core/errors.js';

// Exact UTC instants. A time without a zone is ambiguous (the routine this replaces mixed up PDT
// and UTC), so it is refused instead of being guessed.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Parses an RFC 3339 / ISO 8601 date-time that carries `Z` or a numeric offset; returns epoch ms. */
export function parseInstant(text: string, what = 'time'): number {
  const s = text.trim();
  const m = RFC3339.exec(s);
  if (m === null) {
    throw usageError(
      `${what} ${JSON.stringify(text)} is not an ISO 8601 date-time`,
      'use e.g. 2025-09-07T13:00:00Z (UTC) or 2025-09-07T06:00:00-07:00',
    );
  }
  const [, y, mo, d, h, mi, sec = '00', frac = '', zone] = m;
  if (zone === undefined) {
    throw usageError(
      `${what} ${JSON.stringify(text)} has no time zone, so it is ambiguous`,
      `add Z for UTC (${s.replace(' ', 'T')}Z) or an explicit offset such as -07:00`,
    );
  }
  const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(sec)] as const;
  const utc = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]);
  const check = new Date(utc);
  // Date.UTC rolls 2025-02-30 over into March; refuse instead of moving the window silently.
  if (
    check.getUTCFullYear() !== fields[0] || check.getUTCMonth() !== fields[1] - 1 || check.getUTCDate() !== fields[2] ||
    fields[3] > 23 || fields[4] > 59 || fields[5] > 59
  ) {
    throw usageError(`${what} ${JSON.stringify(text)} is not a valid calendar date-time`);
  }
  const ms = frac === '' ? 0 : Math.floor(Number(`0${frac}`) * 1000);
  let offsetMin = 0;
  if (zone.toUpperCase() !== 'Z') {
    const om = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    if (om === null) throw usageError(`${what} ${JSON.stringify(text)} has an invalid offset`);
    offsetMin = (om[1] === '-' ? -1 : 1) * (Number(om[2]) * 60 + Number(om[3]));
    if (Math.abs(offsetMin) > 18 * 60) throw usageError(`${what} ${JSON.stringify(text)} has an offset beyond ±18:00`);
  }
  return utc + ms - offsetMin * 60_000;
}

/** RFC 3339 UTC with milliseconds, e.g. 2025-09-07T13:00:00.000Z — the form used in queries and URLs. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Parses "90s", "15m", "1h", "2d", "1w" and sums like "1h30m"; returns ms. */
export function parseDuration(text: string, what = 'duration'): number {
  const s = text.trim().toLowerCase();
  if (!/^(\d+[smhdw])+$/.test(s)) {
    throw usageError(`${what} ${JSON.stringify(text)} is not a duration`, 'use e.g. 15m, 1h, 2d or 1h30m (s, m, h, d, w)');
  }
  let total = 0;
  for (const part of s.matchAll(/(\d+)([smhdw])/g)) total += Number(part[1]) * (UNIT_MS[part[2] ?? 's'] ?? 0);
  if (total <= 0) throw usageError(`${what} ${JSON.stringify(text)} is zero`);
  return total;
}

import { isObject, num } from './fields.js';

// Timestamps and durations are computed from their digits, not through Date parsing, so that
// nanosecond strings, offsets and proto-JSON {seconds, nanos} all give the exact UTC instant.

export interface ParsedTime {
  /** ISO 8601 in UTC ("Z"), with the fractional digits exactly as given. */
  iso: string;
  /** Milliseconds since the epoch, truncated to the millisecond (sub-ms digits stay in `iso`). */
  ms: number;
}

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,12}))?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses an ISO-like timestamp ("2025-09-07T13:35:28.478926761Z", "2025-09-07 13:35:00,013",
 * "...+02:00"). A time without a zone is taken as UTC. Undefined when it does not parse.
 */
export function parseTimestamp(value: unknown): ParsedTime | undefined {
  if (isObject(value)) return fromSecondsNanos(value);
  if (typeof value !== 'string') return undefined;
  const m = ISO_RE.exec(value.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s = '00', frac = '', zone = 'Z'] = m;
  const month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const offsetMin = zoneOffsetMinutes(zone);
  if (offsetMin === undefined) return undefined;
  const wholeMs = Date.UTC(Number(y), month - 1, day, hour, minute, second) - offsetMin * 60_000;
  if (!Number.isFinite(wholeMs)) return undefined;
  const ms = wholeMs + Number((frac + '000').slice(0, 3));
  // Already canonical (the Cloud Logging form): keep the string itself, skip re-formatting.
  const canonical = zone === 'Z' && value.length > 19 && value.charCodeAt(10) === 0x54 && m[6] !== undefined && value === value.trim();
  return { iso: canonical ? value : isoOf(wholeMs, frac), ms };
}

function zoneOffsetMinutes(zone: string): number | undefined {
  if (/^(Z|z|UTC|GMT)$/.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (m === null) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3] ?? '0'));
}

/** "YYYY-MM-DDTHH:MM:SS" of a whole-second instant, then the given fraction digits, then "Z". */
function isoOf(wholeMs: number, frac: string): string {
  const base = new Date(wholeMs).toISOString().slice(0, 19);
  return frac === '' ? `${base}Z` : `${base}.${frac}Z`;
}

function fromSecondsNanos(o: Record<string, unknown>): ParsedTime | undefined {
  const seconds = num(o['seconds']);
  if (seconds === undefined || !Number.isInteger(seconds)) return undefined;
  const nanos = num(o['nanos']) ?? 0;
  const frac = String(Math.trunc(nanos)).padStart(9, '0');
  return { iso: isoOf(seconds * 1000, frac), ms: seconds * 1000 + Math.trunc(nanos / 1e6) };
}

/** ISO of an epoch-ms instant (for records that inherit a time). */
export function isoFromMs(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * A protobuf Duration as Cloud Logging writes it ("0.123s", "26.367220221s", or {seconds, nanos})
 * in milliseconds, computed from the decimal digits so "0.007600487s" is 7.600487, not 7.600487000000001.
 */
export function parseDurationMs(value: unknown): number | undefined {
  if (isObject(value)) {
    const seconds = num(value['seconds']) ?? 0;
    const nanos = num(value['nanos']) ?? 0;
    return decimalMs(String(Math.trunc(seconds)), String(Math.trunc(nanos)).padStart(9, '0'));
  }
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+)(?:\.(\d+))?s\s*$/.exec(value);
  if (m === null) return undefined;
  return decimalMs(m[1] ?? '0', m[2] ?? '');
}

function decimalMs(intPart: string, frac: string): number {
  const padded = frac.padEnd(3, '0');
  return Number(`${intPart}${padded.slice(0, 3)}.${padded.slice(3) || '0'}`);
}

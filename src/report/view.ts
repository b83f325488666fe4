import type { Incident, MinuteCount, Priority, Sample } from '../core/incident.js';
import type { Severity } from '../core/severity.js';
import type { RunReport } from './model.js';

// Presentation decisions shared by the Markdown and HTML renderers, so both show the same things in
// the same order. Only re-arrangement and bucketing of figures already in the model: nothing here
// measures anything new.

export const PRIORITIES: readonly Priority[] = ['P0', 'P1', 'P2', 'P3'];

/** Most severe first: the order an on-call reads a breakdown in. */
export const SEVERITY_ORDER: readonly Severity[] = ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG', 'DEFAULT'];

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Incidents by priority, then score, then count, then key: total and independent of input order. */
export function orderedIncidents(report: RunReport): Incident[] {
  return [...report.incidents].sort(
    (a, b) =>
      PRIORITIES.indexOf(a.score.priority) - PRIORITIES.indexOf(b.score.priority) ||
      b.score.total - a.score.total ||
      b.count - a.count ||
      cmp(a.key, b.key),
  );
}

/** Incidents that show a problem, in report order: the ones with a section of their own. */
export function problemIncidents(report: RunReport): Incident[] {
  return orderedIncidents(report).filter((i) => i.routine !== true);
}

/** Routine activity (src/incidents/routine.ts), busiest first: listed in one compact table. */
export function routineIncidents(report: RunReport): Incident[] {
  return report.incidents.filter((i) => i.routine === true).sort((a, b) => b.count - a.count || cmp(a.key, b.key));
}

/** Severity counts present in a breakdown, most severe first. */
export function severityEntries(by: Partial<Record<Severity, number>>): [Severity, number][] {
  const out: [Severity, number][] = [];
  for (const s of SEVERITY_ORDER) {
    const n = by[s];
    if (n !== undefined && n > 0) out.push([s, n]);
  }
  return out;
}

/** HTTP status counts in numeric order. */
export function statusEntries(byStatus: Record<string, number>): [string, number][] {
  return Object.entries(byStatus).sort((a, b) => Number(a[0]) - Number(b[0]) || cmp(a[0], b[0]));
}

/** 1–3 verbatim samples: the incident's own, else the first of its templates', unique by insertId. */
export function samplesOf(incident: Incident, max = 3): Sample[] {
  const seen = new Set<string>();
  const out: Sample[] = [];
  const candidates = [...incident.samples, ...incident.templates.flatMap((t) => t.samples)];
  for (const s of candidates) {
    if (out.length >= max) break;
    if (seen.has(s.insertId)) continue;
    seen.add(s.insertId);
    out.push(s);
  }
  return out;
}

/** Stable anchor id for an incident section. */
export const incidentAnchor = (incident: Pick<Incident, 'key'>): string => `incident-${incident.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export interface MinuteBuckets {
  /** Minutes per bucket (1 when the window has at most `maxCells` minutes). */
  bucketMinutes: number;
  /** Bucket start (ISO minute) and the summed count. */
  cells: { start: string; count: number }[];
}

const MINUTE_MS = 60_000;
const isoMinute = (ms: number): string => new Date(ms).toISOString().replace(/:\d\d\.\d{3}Z$/, ':00Z');

/**
 * Sums sparse per-minute counts into at most `maxCells` equal buckets covering the window, zeros
 * included, so a chart shows quiet minutes honestly. Counts outside the window are ignored.
 */
export function bucketMinutes(window: { from: string; to: string }, counts: readonly MinuteCount[], maxCells = 60): MinuteBuckets {
  const from = Math.floor(Date.parse(window.from) / MINUTE_MS) * MINUTE_MS;
  const to = Date.parse(window.to);
  const minutes = Math.max(1, Math.ceil((to - from) / MINUTE_MS));
  const bucket = Math.max(1, Math.ceil(minutes / maxCells));
  const n = Math.ceil(minutes / bucket);
  const sums = new Array<number>(n).fill(0);
  for (const c of counts) {
    const i = Math.floor((Date.parse(c.minute) - from) / MINUTE_MS / bucket);
    if (i >= 0 && i < n) sums[i] = (sums[i] ?? 0) + c.count;
  }
  return { bucketMinutes: bucket, cells: sums.map((count, i) => ({ start: isoMinute(from + i * bucket * MINUTE_MS), count })) };
}

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** A text sparkline: ▁ is zero; ▂…█ are proportional to the maximum (any non-zero value shows). */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values.map((v) => (v <= 0 || max === 0 ? BARS[0] : BARS[Math.min(7, Math.max(1, Math.ceil((v / max) * 7)))])).join('');
}

/** The report's whole-service series as per-category minute counts, for bucketing. */
export function serviceSeries(report: RunReport): { errors: MinuteCount[]; warnings: MinuteCount[]; other: MinuteCount[] } {
  return {
    errors: report.perMinute.map((m) => ({ minute: m.minute, count: m.errors })),
    warnings: report.perMinute.map((m) => ({ minute: m.minute, count: m.warnings })),
    other: report.perMinute.map((m) => ({ minute: m.minute, count: m.other })),
  };
}

/** Longest sample text shown in Markdown/HTML; the JSON always has the whole (redacted) text. */
export const MAX_SAMPLE_CHARS = 8000;

/**
 * Cuts an already-redacted sample to `max` characters, at a line end when one is in the second half,
 * never inside a surrogate pair; says how many characters were left out.
 */
export function clipText(text: string, max = MAX_SAMPLE_CHARS): { text: string; omitted: number } {
  if (text.length <= max) return { text, omitted: 0 };
  let end = text.lastIndexOf('\n', max);
  if (end < max / 2) end = max;
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end--;
  return { text: text.slice(0, end), omitted: text.length - end };
}

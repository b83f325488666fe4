import type { RunReport } from './model.js';
import { redactReport, type RenderOptions } from './redact-report.js';
import { orderedIncidents } from './view.js';

// The JSON worklog: the report model as it is, secrets redacted, with a key order that does not
// depend on how the model was built. The top level follows the documented order (docs/report-schema.md);
// every nested object has its keys sorted by code point. Incidents are in the same total order as in
// the Markdown and HTML (priority, score, count, key); other arrays keep the model's order. Absent
// optional fields are omitted.

const TOP_LEVEL_ORDER: readonly (keyof RunReport)[] = [
  'schemaVersion', 'tool', 'service', 'project', 'window', 'minSeverity', 'query', 'summary', 'incidents', 'perMinute',
  'timeline', 'coverage', 'github',
];

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const k of keys) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = canonical(v);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    // JSON has no NaN/Infinity; a figure that is not a number is a bug upstream, not something to hide.
    throw new Error(`report contains a non-finite number (${String(value)})`);
  }
  return value;
}

/** The report as JSON: stable key order, 2-space indent, trailing newline. */
export function renderJson(report: RunReport, opts: RenderOptions = {}): string {
  const redacted = redactReport(report, opts);
  const r = { ...redacted, incidents: orderedIncidents(redacted) } as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of TOP_LEVEL_ORDER) if (r[k] !== undefined) out[k] = canonical(r[k]);
  // Fields added to the model later still appear, after the documented ones, sorted.
  for (const k of Object.keys(r).sort()) if (!(k in out) && r[k] !== undefined) out[k] = canonical(r[k]);
  return `${JSON.stringify(out, null, 2)}\n`;
}

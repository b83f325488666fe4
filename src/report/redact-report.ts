import { neutralizeMentions, redactSecrets } from '../safety/index.js';
import type { RedactOptions } from '../safety/index.js';
import type { RunReport } from './model.js';

// Log text reaches almost every string of the model (titles come from templates, grouping reasons
// quote messages, coverage problems quote input), so rather than chase fields one by one, every
// string value is passed through the redactor. Redaction never alters ids, hashes, timestamps or
// numbers (tested in src/safety), so the structure and all figures survive unchanged.

export interface RenderOptions {
  /** Also redact e-mail addresses in log text. */
  redactEmails?: boolean;
}

function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, f);
    return out;
  }
  return value;
}

/** A copy of the report with secrets redacted in every string. */
export function redactReport(report: RunReport, opts: RenderOptions = {}): RunReport {
  const ro: RedactOptions = { emails: opts.redactEmails === true };
  return mapStrings(report, (s) => redactSecrets(s, ro)) as RunReport;
}

/** Redacted and with @mentions / #refs made inert: for Markdown, which is often pasted into GitHub. */
export function sanitizeReportForMarkdown(report: RunReport, opts: RenderOptions = {}): RunReport {
  const ro: RedactOptions = { emails: opts.redactEmails === true };
  return mapStrings(report, (s) => neutralizeMentions(redactSecrets(s, ro))) as RunReport;
}

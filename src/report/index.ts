// The worklog: a pure report model rendered three ways. Nothing here reads the clock or the disk;
// the app writes the strings to worklogPaths().
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { RunReport } from './model.js';
import type { RenderOptions } from './redact-report.js';

export { REPORT_SCHEMA_VERSION } from './model.js';
export type { RunReport, ReportWindow, ReportSummary, TimelineEvent, Coverage } from './model.js';
export { renderHtml } from './html.js';
export { renderJson } from './json.js';
export { renderMarkdown } from './markdown.js';
export { worklogPaths, safeServiceSegment } from './paths.js';
export type { WorklogPaths } from './paths.js';
export { compactUtcStamp } from './format.js';
export { redactReport } from './redact-report.js';
export type { RenderOptions } from './redact-report.js';

/** All three renderings at once, for the app to write next to each other. */
export function renderWorklog(report: RunReport, opts: RenderOptions = {}): { md: string; json: string; html: string } {
  return { md: renderMarkdown(report, opts), json: renderJson(report, opts), html: renderHtml(report, opts) };
}

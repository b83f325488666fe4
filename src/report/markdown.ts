import { fence, inlineCode } from '../safety/index.js';
import { formatDuration, formatInt, minutesBetween } from './format.js';
import { githubSummaryOf } from './github-summary.js';
import { incidentSection, severityList } from './markdown-incident.js';
import { md, table } from './markdown-util.js';
import type { RunReport } from './model.js';
import { sanitizeReportForMarkdown, type RenderOptions } from './redact-report.js';
import { bucketMinutes, incidentAnchor, PRIORITIES, problemIncidents, routineIncidents, serviceSeries, sparkline } from './view.js';

// The Markdown worklog: what an on-call engineer writes after a log review, from the model alone.
// Pure and deterministic: no clock, no locale, incidents in a total order; two renders are identical.

const code = (s: string): string => inlineCode(s);

function header(r: RunReport): string[] {
  const minutes = minutesBetween(r.window.from, r.window.to);
  const scope = r.project !== undefined ? ` in project ${code(r.project)}` : '';
  return [
    `# Worklog: ${md(r.service)} — ${md(r.window.from)} to ${md(r.window.to)} (UTC)`,
    '',
    `Service ${code(r.service)}${scope}. Window ${code(r.window.from)} (inclusive) to ${code(r.window.to)} (exclusive), ` +
      `${formatDuration(minutes)}, chosen by ${md(r.window.basis)}` +
      `${r.minSeverity !== undefined ? `; minimum severity ${r.minSeverity}` : ''}. ` +
      `Written by ${md(r.tool.name)} ${md(r.tool.version)}, report schema v${r.schemaVersion}.`,
    '',
  ];
}

function summary(r: RunReport): string[] {
  const s = r.summary;
  const peak = s.errorsPerMinutePeak === null ? 'none' : `**${formatInt(s.errorsPerMinutePeak.count)}** at ${md(s.errorsPerMinutePeak.minute)}`;
  const byPriority = PRIORITIES.map((p) => `${p} ${formatInt(s.incidentsByPriority[p])}`).join(' · ');
  const lines = [
    '## Executive summary',
    '',
    `- **${formatInt(s.entriesRead)}** entries read, **${formatInt(s.recordsAnalysed)}** records analysed.`,
    `- By severity: ${severityList(s.bySeverity)}.`,
    `- Errors (ERROR and above) per minute: peak ${peak}; last minute of the window **${formatInt(s.errorsPerMinuteNow)}**.`,
    `- Incidents: **${formatInt(r.incidents.length - s.routinePatterns)}** (${byPriority}); **${formatInt(s.newIncidents)}** new, **${formatInt(s.regressions)}** ${s.regressions === 1 ? 'regression' : 'regressions'}` +
      (s.routinePatterns > 0 ? `; plus **${formatInt(s.routinePatterns)}** routine patterns (see Routine activity).` : '.'),
  ];
  if (!r.coverage.complete) lines.push('- **Coverage is incomplete**: some input could not be read in full; see Coverage.');
  lines.push('');
  const incidents = problemIncidents(r);
  if (incidents.length > 0) {
    const rows = incidents.map((inc, i) => [
      formatInt(i + 1),
      inc.score.priority,
      md(inc.classification),
      `[${md(inc.title)}](#${incidentAnchor(inc)})`,
      formatInt(inc.count),
      md(inc.firstSeen),
      md(inc.lastSeen),
    ]);
    lines.push(table(['#', 'Priority', 'Class', 'Incident', 'Count', 'First seen', 'Last seen'], rows, ['r', 'l', 'l', 'l', 'r', 'l', 'l']), '');
  }
  return lines;
}

function incidents(r: RunReport): string[] {
  const ordered = problemIncidents(r);
  if (ordered.length === 0) return ['## Incidents', '', 'No incidents in this window.', ''];
  return ['## Incidents', '', ...ordered.flatMap((inc, i) => [incidentSection(inc, i, r), ''])];
}

/** Routine activity: every remaining pattern with its count, so nothing read goes unaccounted for. */
function routine(r: RunReport): string[] {
  const list = routineIncidents(r);
  if (list.length === 0) return [];
  const rows = list.map((inc) => [
    inlineCode(inc.templates[0]?.template ?? inc.title, { inTable: true }),
    formatInt(inc.count),
    md(inc.firstSeen),
    md(inc.lastSeen),
    inlineCode(inc.key, { inTable: true }),
  ]);
  return [
    '## Routine activity',
    '',
    'Patterns with no sign of a problem (no WARNING or worse, no exception, no failed request). Counted, not filed.',
    '',
    table(['Pattern', 'Count', 'First seen', 'Last seen', 'Key'], rows, ['l', 'r', 'l', 'l', 'l']),
    '',
  ];
}

function timeline(r: RunReport): string[] {
  if (r.timeline.length === 0) return ['## Timeline', '', 'No events.', ''];
  const byKey = new Map(r.incidents.map((i) => [i.key, i]));
  const rows = r.timeline.map((e) => {
    const inc = byKey.get(e.incidentKey);
    const ref = inc !== undefined ? `[${inc.score.priority} ${inc.key.slice(0, 8)}](#${incidentAnchor(inc)})` : inlineCode(e.incidentKey, { inTable: true });
    return [md(e.time), ref, md(e.event)];
  });
  return ['## Timeline', '', table(['Time (UTC)', 'Incident', 'Event'], rows), ''];
}

function activity(r: RunReport): string[] {
  if (r.perMinute.length === 0) return [];
  const series = serviceSeries(r);
  const err = bucketMinutes(r.window, series.errors);
  const warn = bucketMinutes(r.window, series.warnings);
  const other = bucketMinutes(r.window, series.other);
  const max = (b: typeof err): string => formatInt(Math.max(0, ...b.cells.map((c) => c.count)));
  const spark = [
    `errors   ${sparkline(err.cells.map((c) => c.count))}  max ${max(err)}`,
    `warnings ${sparkline(warn.cells.map((c) => c.count))}  max ${max(warn)}`,
    `other    ${sparkline(other.cells.map((c) => c.count))}  max ${max(other)}`,
  ].join('\n');
  const rows = r.perMinute.map((m) => [md(m.minute), formatInt(m.errors), formatInt(m.warnings), formatInt(m.other)]);
  return [
    '## Activity per minute',
    '',
    `One cell = ${formatInt(err.bucketMinutes)} min, from ${md(r.window.from)}; ▁ is zero, █ the row's maximum.`,
    '',
    fence(spark, 'text'),
    '',
    '<details>',
    `<summary>Per-minute counts (${formatInt(r.perMinute.length)} minutes)</summary>`,
    '',
    table(['Minute (UTC)', 'Errors', 'Warnings', 'Other'], rows, ['l', 'r', 'r', 'r']),
    '',
    '</details>',
    '',
  ];
}

function coverage(r: RunReport): string[] {
  const c = r.coverage;
  const out = ['## Coverage', ''];
  if (c.sources.length > 0) {
    const rows = c.sources.map((s) => [
      inlineCode(s.input, { inTable: true }),
      md(s.format),
      formatInt(s.entries),
      formatInt(s.records),
      formatInt(s.folded),
      formatInt(s.problemCount),
      s.complete ? 'yes' : `**no**${s.readUpTo !== undefined ? ` (read up to ${md(s.readUpTo)})` : ''}`,
    ]);
    out.push(table(['Input', 'Format', 'Entries', 'Records', 'Folded', 'Skipped', 'Complete'], rows, ['l', 'l', 'r', 'r', 'r', 'r', 'l']), '');
  }
  for (const s of c.sources) {
    if (s.problems.length > 0) {
      const shown = s.problems.length < s.problemCount ? ` (first ${formatInt(s.problems.length)} of ${formatInt(s.problemCount)})` : '';
      out.push(`Skipped in ${code(s.input)}${shown}:`, '');
      for (const p of s.problems) out.push(`- ${code(`${p.input}:${p.line}`)} — ${md(p.reason)}`);
      out.push('');
    }
    if (s.error !== undefined) out.push(`Read of ${code(s.input)} stopped: ${md(s.error)}`, '');
    if (s.note !== undefined) out.push(`Note on ${code(s.input)}: ${md(s.note)}`, '');
  }
  const m = c.miner;
  out.push(
    `- Window ${code(r.window.from)} to ${code(r.window.to)} (${md(r.window.basis)})${r.minSeverity !== undefined ? `, minimum severity ${r.minSeverity}` : ''}.`,
    `- Not analysed: ${formatInt(c.outsideWindow)} outside the window, ${formatInt(c.belowMinSeverity)} below the minimum severity, ${formatInt(c.duplicates)} duplicates of entries already counted.`,
    `- Template miner: ${formatInt(m.lines)} lines, ${formatInt(m.templates)} templates, ${formatInt(m.skipped)} skipped, ${formatInt(m.truncated)} truncated, ${formatInt(m.evicted)} evicted.`,
    `- Complete: ${c.complete ? 'yes' : '**no**'}.`,
  );
  for (const n of c.notes) out.push(`- ${md(n)}`);
  out.push('');
  if (r.query !== undefined) out.push('Query:', '', fence(r.query, 'text'), '');
  return out;
}

function github(r: RunReport): string[] {
  if (r.github === undefined) return [];
  const g = githubSummaryOf(r.github);
  if (g === undefined) return ['## GitHub', '', 'A GitHub plan was computed for this run; it is in the JSON report under `github`.', ''];
  const actions = g.actions.length === 0 ? 'none' : g.actions.map(([k, n]) => `${md(k)} ${formatInt(n)}`).join(' · ');
  return [
    '## GitHub',
    '',
    `Repository ${code(g.repo)}, ${g.applied ? 'applied' : 'dry run (nothing was written to GitHub)'}.`,
    '',
    `- Planned actions: ${actions}.`,
    `- Done ${formatInt(g.done)}, deferred ${formatInt(g.deferred)}, failed ${formatInt(g.failed)}.`,
    '',
  ];
}

/** The worklog as Markdown (GitHub-flavoured). Log text is redacted, mentions neutralized, and fenced. */
export function renderMarkdown(report: RunReport, opts: RenderOptions = {}): string {
  const r = sanitizeReportForMarkdown(report, opts);
  const parts = [...header(r), ...summary(r), ...incidents(r), ...routine(r), ...timeline(r), ...activity(r), ...github(r), ...coverage(r)];
  // No whitespace clean-up over the whole text: it would alter blank lines inside verbatim samples.
  return `${parts.join('\n').trimEnd()}\n`;
}

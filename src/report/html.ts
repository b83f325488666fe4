import type { Incident, Sample } from '../core/incident.js';
import { escapeHtml } from '../safety/index.js';
import { countOf, formatDecimal, formatDuration, formatInt, formatMs, formatPercent, minutesBetween } from './format.js';
import { githubSummaryOf } from './github-summary.js';
import { safeUrl } from './links.js';
import type { RunReport } from './model.js';
import { redactReport, type RenderOptions } from './redact-report.js';
import { svgBarChart } from './svg-chart.js';
import {
  bucketMinutes, clipText, incidentAnchor, PRIORITIES, problemIncidents, routineIncidents, samplesOf, serviceSeries, severityEntries, statusEntries,
} from './view.js';

// The HTML worklog: one self-contained file (inline CSS, inline SVG, no script, no fetched resource,
// and a Content-Security-Policy that forbids them anyway). Every model string goes through escapeHtml;
// incidents are <details> sections, open for P0 and P1.

const e = escapeHtml;
const code = (s: string): string => `<code>${e(s)}</code>`;

const CSS = `
:root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--muted:#59636e;--line:#d1d9e0;--err:#cf222e;--warn:#bf8700;--other:#8c959f}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--line:#3d444d}}
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg);max-width:1100px;margin:2em auto;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:1px solid var(--line);padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid var(--line);padding:.25em .6em;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
code,pre{font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:rgba(128,128,128,.1);padding:.6em;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
details{border:1px solid var(--line);border-radius:6px;padding:.3em .8em;margin:.8em 0}
summary{cursor:pointer;font-weight:600}
.muted{color:var(--muted)}.prio{display:inline-block;padding:0 .45em;border-radius:4px;color:#fff;font-weight:700}
.P0{background:#a40e26}.P1{background:#cf222e}.P2{background:#bf8700}.P3{background:#59636e}
figure.chart{margin:.5em 0}figure.chart svg{width:100%;max-width:100%;border-bottom:1px solid var(--line)}
figcaption{color:var(--muted);font-size:12px}.key{display:inline-block;width:.8em;height:.8em;margin:0 .25em 0 .6em}
`.trim();

function tableHtml(headers: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = []): string {
  const cls = (i: number): string => (numeric.includes(i) ? ' class="n"' : '');
  const head = `<tr>${headers.map((h, i) => `<th${cls(i)}>${h}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function severityText(by: Incident['bySeverity']): string {
  const entries = severityEntries(by);
  return entries.length === 0 ? 'none' : entries.map(([s, n]) => `${s} ${formatInt(n)}`).join(' · ');
}

function chartFor(report: RunReport, series: { name: string; color: string; counts: Incident['perMinute'] }[], title: string, height: number): string {
  const buckets = series.map((s) => bucketMinutes(report.window, s.counts));
  const labels = (buckets[0]?.cells ?? []).map((c) => c.start);
  return svgBarChart(
    series.map((s, i) => ({ name: s.name, color: s.color, values: (buckets[i]?.cells ?? []).map((c) => c.count) })),
    { labels, title, height },
  );
}

function header(r: RunReport): string {
  const minutes = minutesBetween(r.window.from, r.window.to);
  const project = r.project !== undefined ? ` in project ${code(r.project)}` : '';
  return [
    `<h1>Worklog: ${e(r.service)}</h1>`,
    `<p>Service ${code(r.service)}${project}. Window ${code(r.window.from)} (inclusive) to ${code(r.window.to)} (exclusive), ` +
      `${formatDuration(minutes)}, chosen by ${e(r.window.basis)}${r.minSeverity !== undefined ? `; minimum severity ${e(r.minSeverity)}` : ''}. ` +
      `<span class="muted">Written by ${e(r.tool.name)} ${e(r.tool.version)}, report schema v${r.schemaVersion}.</span></p>`,
  ].join('\n');
}

function summary(r: RunReport): string {
  const s = r.summary;
  const peak = s.errorsPerMinutePeak === null ? 'none' : `<strong>${formatInt(s.errorsPerMinutePeak.count)}</strong> at ${e(s.errorsPerMinutePeak.minute)}`;
  const items = [
    `<strong>${formatInt(s.entriesRead)}</strong> entries read, <strong>${formatInt(s.recordsAnalysed)}</strong> records analysed.`,
    `By severity: ${severityText(s.bySeverity)}.`,
    `Errors (ERROR and above) per minute: peak ${peak}; last minute of the window <strong>${formatInt(s.errorsPerMinuteNow)}</strong>.`,
    `Incidents: <strong>${formatInt(r.incidents.length - s.routinePatterns)}</strong> (${PRIORITIES.map((p) => `${p} ${formatInt(s.incidentsByPriority[p])}`).join(' · ')}); ` +
      `<strong>${formatInt(s.newIncidents)}</strong> new, <strong>${formatInt(s.regressions)}</strong> ${s.regressions === 1 ? 'regression' : 'regressions'}` +
      (s.routinePatterns > 0 ? `; plus <strong>${formatInt(s.routinePatterns)}</strong> routine patterns (see Routine activity).` : '.'),
  ];
  if (!r.coverage.complete) items.push('<strong>Coverage is incomplete</strong>: some input could not be read in full; see Coverage.');
  const rows = problemIncidents(r).map((inc, i) => [
    formatInt(i + 1),
    `<span class="prio ${inc.score.priority}">${inc.score.priority}</span>`,
    e(inc.classification),
    `<a href="#${incidentAnchor(inc)}">${e(inc.title)}</a>`,
    formatInt(inc.count),
    e(inc.firstSeen),
    e(inc.lastSeen),
  ]);
  const table = rows.length > 0 ? tableHtml(['#', 'Priority', 'Class', 'Incident', 'Count', 'First seen', 'Last seen'], rows, [0, 4]) : '';
  return `<section id="summary">\n<h2>Executive summary</h2>\n<ul>\n${items.map((i) => `<li>${i}</li>`).join('\n')}\n</ul>\n${table}\n</section>`;
}

function activity(r: RunReport): string {
  if (r.perMinute.length === 0) return '';
  const s = serviceSeries(r);
  const chart = chartFor(
    r,
    [
      { name: 'errors', color: '#cf222e', counts: s.errors },
      { name: 'warnings', color: '#d4a72c', counts: s.warnings },
      { name: 'other', color: '#8c959f', counts: s.other },
    ],
    `Entries per minute, ${r.window.from} to ${r.window.to}`,
    100,
  );
  const rows = r.perMinute.map((m) => [e(m.minute), formatInt(m.errors), formatInt(m.warnings), formatInt(m.other)]);
  return [
    '<section id="activity">',
    '<h2>Activity per minute</h2>',
    chart,
    `<details><summary>Per-minute counts (${formatInt(r.perMinute.length)} minutes)</summary>`,
    tableHtml(['Minute (UTC)', 'Errors', 'Warnings', 'Other'], rows, [1, 2, 3]),
    '</details>',
    '</section>',
  ].join('\n');
}

function sampleHtml(s: Sample, i: number): string {
  const meta = [`insertId ${code(s.insertId)}`, e(s.timestamp), e(s.severity)];
  if (s.logKind !== undefined) meta.push(e(s.logKind));
  if (s.revision !== undefined) meta.push(`revision ${code(s.revision)}`);
  if (s.instanceId !== undefined) meta.push(`instance ${code(s.instanceId)}`);
  if (s.trace !== undefined) meta.push(`trace ${code(s.trace)}`);
  const clip = clipText(s.text);
  const more = clip.omitted > 0 ? `\n<p class="muted">… ${formatInt(clip.omitted)} more characters not shown (the JSON report has the whole text).</p>` : '';
  return `<p><strong>Sample ${i + 1}</strong> — ${meta.join(' · ')}</p>\n<pre><code>${e(clip.text)}</code></pre>${more}`;
}

function facts(inc: Incident, r: RunReport): string {
  const rows: [string, string][] = [
    ['Key', `${code(inc.key)} — fingerprint v${inc.fingerprint.version}, ${e(inc.fingerprint.kind)}: ${code(inc.fingerprint.basis)}`],
    ['Priority', `${inc.score.priority}, score ${formatDecimal(inc.score.total)} (${e(inc.score.thresholds)})${inc.score.override !== undefined ? `; overridden: ${e(inc.score.override)}` : ''}`],
    ['Classification', `${e(inc.classification)} — ${e(inc.classificationReason)}`],
    ['Count', `${formatInt(inc.count)} in the window (${severityText(inc.bySeverity)})`],
    [
      'Rate',
      `peak ${formatInt(inc.peakPerMinute.count)}/min at ${e(inc.peakPerMinute.minute)}; last full minute ${formatInt(inc.currentPerMinute)}/min` +
        (inc.spike !== undefined ? `; spike ×${formatDecimal(inc.spike.factor)} over a baseline of ${formatDecimal(inc.spike.baselinePerMinute)}/min (${e(inc.spike.basis)})` : ''),
    ],
    ['Seen in window', `first ${e(inc.firstSeen)}, last ${e(inc.lastSeen)}`],
    ['Seen all time', `first ${e(inc.allTimeFirstSeen)}, last ${e(inc.allTimeLastSeen)}`],
  ];
  if (inc.revisions.length > 0) {
    const revs = inc.revisions.map(
      (v) => `${code(v.name)} (${formatInt(v.count)}, first seen ${e(v.firstSeen)}${v.revisionFirstLogged !== undefined ? `, revision first logged ${e(v.revisionFirstLogged)}` : ''})`,
    );
    rows.push(['Revisions', revs.join('<br>')]);
  }
  const affected = [countOf(inc.instances, 'instance'), countOf(inc.traces, 'trace')];
  if (inc.users !== undefined) affected.push(countOf(inc.users, 'user'));
  rows.push(['Affected', affected.join(' · ')]);
  if (inc.owner !== undefined) rows.push(['Owner', e(inc.owner)]);
  const url = safeUrl(inc.logsExplorerUrl);
  if (url !== undefined) rows.push(['Logs', `<a href="${e(url)}" rel="noopener noreferrer">open in Logs Explorer</a>`]);
  const chart = chartFor(r, [{ name: 'entries', color: '#cf222e', counts: inc.perMinute }], `Per minute: ${inc.title}`, 40);
  return `${tableHtml(['Fact', 'Value'], rows.map(([k, v]) => [e(k), v]))}\n${chart}`;
}

function incidentHtml(inc: Incident, i: number, r: RunReport): string {
  const parts: string[] = [];
  const open = inc.score.priority === 'P0' || inc.score.priority === 'P1' ? ' open' : '';
  parts.push(
    `<details id="${incidentAnchor(inc)}"${open}>`,
    `<summary>${formatInt(i + 1)}. <span class="prio ${inc.score.priority}">${inc.score.priority}</span> ${e(inc.classification)} · ${e(inc.title)} <span class="muted">(${formatInt(inc.count)})</span></summary>`,
    facts(inc, r),
    '<h4>Priority breakdown</h4>',
    tableHtml(
      ['Component', 'Measured', 'Points', 'Why'],
      [
        ...inc.score.components.map((c) => [e(c.name), e(c.measured), formatDecimal(c.points), e(c.why)]),
        ['<strong>total</strong>', '', `<strong>${formatDecimal(inc.score.total)}</strong>`, `${inc.score.priority}: ${e(inc.score.thresholds)}`],
      ],
      [2],
    ),
  );
  const h = inc.http;
  if (h !== undefined) {
    const headers = ['Requests', '5xx', '4xx', '5xx share'];
    const row = [formatInt(h.requests), formatInt(h.status5xx), formatInt(h.status4xx), formatPercent(h.share5xx)];
    if (h.latencyMs !== undefined) {
      headers.push('p50', 'p95', 'p99');
      row.push(formatMs(h.latencyMs.p50), formatMs(h.latencyMs.p95), formatMs(h.latencyMs.p99));
    }
    const statuses = statusEntries(h.byStatus).map(([s, n]) => `${e(s)}: ${formatInt(n)}`).join(' · ');
    parts.push('<h4>HTTP</h4>', tableHtml(headers, [row], headers.map((_, k) => k)), `<p>By status: ${statuses === '' ? 'none' : statuses}</p>`);
  }
  if (inc.templates.length > 0) {
    parts.push('<h4>Key log patterns</h4>', tableHtml(['Count', 'Template', 'Template id'], inc.templates.map((t) => [formatInt(t.count), code(t.template), code(t.id)]), [0]));
  }
  const samples = samplesOf(inc);
  if (samples.length > 0) parts.push('<h4>Verbatim samples (secrets redacted)</h4>', ...samples.map(sampleHtml));
  if (inc.exception !== undefined) {
    const x = inc.exception;
    parts.push('<h4>Stack</h4>', `<p>${code(x.type)} (${e(x.language)}): ${code(x.message)}</p>`);
    if (x.topFrames.length > 0) parts.push(`<pre><code>${e(x.topFrames.join('\n'))}</code></pre>`);
  }
  if (inc.grouping.length > 0) parts.push('<h4>Why grouped</h4>', `<ul>${inc.grouping.map((g) => `<li>${e(g)}</li>`).join('')}</ul>`);
  if (inc.hints.length > 0) {
    const items = inc.hints.map((hint) => `<li><strong>${e(hint.title)}</strong> — evidence: ${code(hint.evidence)}<ul>${hint.checks.map((c) => `<li>${e(c)}</li>`).join('')}</ul></li>`);
    parts.push('<h4>Hints</h4>', `<ul>${items.join('')}</ul>`);
  }
  if (inc.related.length > 0) {
    const items = inc.related.map((rel) => {
      const target: string[] = [];
      if (rel.incidentKey !== undefined) {
        const other = r.incidents.find((o) => o.key === rel.incidentKey);
        target.push(other !== undefined ? `<a href="#${incidentAnchor(other)}">${e(other.title)}</a>` : `incident ${code(rel.incidentKey)}`);
      }
      if (rel.issueNumber !== undefined) target.push(`issue #${rel.issueNumber}`);
      return `<li>${target.join(', ') || 'unnamed'} — ${e(rel.reason)}</li>`;
    });
    parts.push('<h4>Related</h4>', `<ul>${items.join('')}</ul>`);
  }
  parts.push('</details>');
  return parts.join('\n');
}

function incidents(r: RunReport): string {
  const ordered = problemIncidents(r);
  const body = ordered.length === 0 ? '<p>No incidents in this window.</p>' : ordered.map((inc, i) => incidentHtml(inc, i, r)).join('\n');
  return `<section id="incidents">\n<h2>Incidents</h2>\n${body}\n</section>`;
}

function routine(r: RunReport): string {
  const list = routineIncidents(r);
  if (list.length === 0) return '';
  const rows = list.map((inc) => [code(inc.templates[0]?.template ?? inc.title), formatInt(inc.count), e(inc.firstSeen), e(inc.lastSeen), code(inc.key)]);
  return (
    '<section id="routine">\n<h2>Routine activity</h2>\n' +
    '<p>Patterns with no sign of a problem (no WARNING or worse, no exception, no failed request). Counted, not filed.</p>\n' +
    `${tableHtml(['Pattern', 'Count', 'First seen', 'Last seen', 'Key'], rows, [1])}\n</section>`
  );
}

function timeline(r: RunReport): string {
  const byKey = new Map(r.incidents.map((i) => [i.key, i]));
  const rows = r.timeline.map((ev) => {
    const inc = byKey.get(ev.incidentKey);
    const ref = inc !== undefined ? `<a href="#${incidentAnchor(inc)}">${inc.score.priority} ${e(inc.key.slice(0, 8))}</a>` : code(ev.incidentKey);
    return [e(ev.time), ref, e(ev.event)];
  });
  const body = rows.length === 0 ? '<p>No events.</p>' : tableHtml(['Time (UTC)', 'Incident', 'Event'], rows);
  return `<section id="timeline">\n<h2>Timeline</h2>\n${body}\n</section>`;
}

function coverage(r: RunReport): string {
  const c = r.coverage;
  const parts = ['<section id="coverage">', '<h2>Coverage</h2>'];
  if (c.sources.length > 0) {
    const rows = c.sources.map((s) => [
      code(s.input),
      e(s.format),
      formatInt(s.entries),
      formatInt(s.records),
      formatInt(s.folded),
      formatInt(s.problemCount),
      s.complete ? 'yes' : `<strong>no</strong>${s.readUpTo !== undefined ? ` (read up to ${e(s.readUpTo)})` : ''}`,
    ]);
    parts.push(tableHtml(['Input', 'Format', 'Entries', 'Records', 'Folded', 'Skipped', 'Complete'], rows, [2, 3, 4, 5]));
  }
  for (const s of c.sources) {
    if (s.problems.length > 0) {
      const shown = s.problems.length < s.problemCount ? ` (first ${formatInt(s.problems.length)} of ${formatInt(s.problemCount)})` : '';
      parts.push(`<p>Skipped in ${code(s.input)}${shown}:</p>`, `<ul>${s.problems.map((p) => `<li>${code(`${p.input}:${p.line}`)} — ${e(p.reason)}</li>`).join('')}</ul>`);
    }
    if (s.error !== undefined) parts.push(`<p>Read of ${code(s.input)} stopped: ${e(s.error)}</p>`);
    if (s.note !== undefined) parts.push(`<p>Note on ${code(s.input)}: ${e(s.note)}</p>`);
  }
  const m = c.miner;
  const items = [
    `Window ${code(r.window.from)} to ${code(r.window.to)} (${e(r.window.basis)})${r.minSeverity !== undefined ? `, minimum severity ${e(r.minSeverity)}` : ''}.`,
    `Not analysed: ${formatInt(c.outsideWindow)} outside the window, ${formatInt(c.belowMinSeverity)} below the minimum severity, ${formatInt(c.duplicates)} duplicates of entries already counted.`,
    `Template miner: ${formatInt(m.lines)} lines, ${formatInt(m.templates)} templates, ${formatInt(m.skipped)} skipped, ${formatInt(m.truncated)} truncated, ${formatInt(m.evicted)} evicted.`,
    `Complete: ${c.complete ? 'yes' : '<strong>no</strong>'}.`,
    ...c.notes.map((n) => e(n)),
  ];
  parts.push(`<ul>${items.map((i) => `<li>${i}</li>`).join('\n')}</ul>`);
  if (r.query !== undefined) parts.push('<p>Query:</p>', `<pre><code>${e(r.query)}</code></pre>`);
  parts.push('</section>');
  return parts.join('\n');
}

function github(r: RunReport): string {
  if (r.github === undefined) return '';
  const g = githubSummaryOf(r.github);
  const body =
    g === undefined
      ? '<p>A GitHub plan was computed for this run; it is in the JSON report under <code>github</code>.</p>'
      : `<p>Repository ${code(g.repo)}, ${g.applied ? 'applied' : 'dry run (nothing was written to GitHub)'}.</p>\n<ul><li>Planned actions: ${
          g.actions.length === 0 ? 'none' : g.actions.map(([k, n]) => `${e(k)} ${formatInt(n)}`).join(' · ')
        }.</li><li>Done ${formatInt(g.done)}, deferred ${formatInt(g.deferred)}, failed ${formatInt(g.failed)}.</li></ul>`;
  return `<section id="github">\n<h2>GitHub</h2>\n${body}\n</section>`;
}

/** The worklog as one self-contained HTML file. Log text is redacted and escaped everywhere. */
export function renderHtml(report: RunReport, opts: RenderOptions = {}): string {
  const r = redactReport(report, opts);
  const title = `Worklog: ${r.service} — ${r.window.from} to ${r.window.to} (UTC)`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${e(title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    '<header>',
    header(r),
    '</header>',
    '<main>',
    summary(r),
    incidents(r),
    routine(r),
    timeline(r),
    activity(r),
    github(r),
    coverage(r),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

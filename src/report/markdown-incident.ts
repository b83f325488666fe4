import type { Incident, Sample } from '../core/incident.js';
import { fence, inlineCode } from '../safety/index.js';
import { countOf, formatDecimal, formatInt, formatMs, formatPercent } from './format.js';
import { safeUrl } from './links.js';
import { md, table } from './markdown-util.js';
import type { RunReport } from './model.js';
import { bucketMinutes, clipText, incidentAnchor, samplesOf, severityEntries, sparkline, statusEntries } from './view.js';

// One incident section of the Markdown worklog, in the order an on-call engineer reads it: what and
// how bad, the evidence (patterns, samples, stack), why it is one incident, what to check, where to look.

const code = (s: string): string => inlineCode(s);
const cellCode = (s: string): string => inlineCode(s, { inTable: true });

export function severityList(by: Incident['bySeverity']): string {
  const entries = severityEntries(by);
  return entries.length === 0 ? 'none' : entries.map(([s, n]) => `${s} ${formatInt(n)}`).join(' · ');
}

function facts(inc: Incident, report: RunReport): string[] {
  const lines: string[] = [];
  const fp = inc.fingerprint;
  lines.push(`- **Key** ${code(inc.key)} — fingerprint v${fp.version}, ${md(fp.kind)}: ${code(fp.basis)}`);
  lines.push(`- **Priority** ${inc.score.priority}, score ${formatDecimal(inc.score.total)} (${md(inc.score.thresholds)})${inc.score.override !== undefined ? `; overridden: ${md(inc.score.override)}` : ''}`);
  lines.push(`- **Classification** ${md(inc.classification)} — ${md(inc.classificationReason)}`);
  lines.push(`- **Count** ${formatInt(inc.count)} in the window (${severityList(inc.bySeverity)})`);
  const rate = `- **Rate** peak ${formatInt(inc.peakPerMinute.count)}/min at ${md(inc.peakPerMinute.minute)}; last full minute ${formatInt(inc.currentPerMinute)}/min`;
  const spike = inc.spike !== undefined ? `; spike ×${formatDecimal(inc.spike.factor)} over a baseline of ${formatDecimal(inc.spike.baselinePerMinute)}/min (${md(inc.spike.basis)})` : '';
  lines.push(rate + spike);
  lines.push(`- **Seen in window** first ${md(inc.firstSeen)}, last ${md(inc.lastSeen)}`);
  lines.push(`- **Seen all time** first ${md(inc.allTimeFirstSeen)}, last ${md(inc.allTimeLastSeen)}`);
  if (inc.revisions.length > 0) {
    const revs = inc.revisions.map((r) => {
      const deployed = r.revisionFirstLogged !== undefined ? `, revision first logged ${md(r.revisionFirstLogged)}` : '';
      return `${code(r.name)} (${formatInt(r.count)}, first seen ${md(r.firstSeen)}${deployed})`;
    });
    lines.push(`- **Revisions** ${revs.join('; ')}`);
  }
  const affected = [countOf(inc.instances, 'instance'), countOf(inc.traces, 'trace')];
  if (inc.users !== undefined) affected.push(countOf(inc.users, 'user'));
  lines.push(`- **Affected** ${affected.join(' · ')}`);
  if (inc.owner !== undefined) lines.push(`- **Owner** ${md(inc.owner)}`);
  const b = bucketMinutes(report.window, inc.perMinute);
  lines.push(`- **Per minute** ${code(sparkline(b.cells.map((c) => c.count)))} (one cell = ${formatInt(b.bucketMinutes)} min from ${md(report.window.from)}; max cell ${formatInt(Math.max(0, ...b.cells.map((c) => c.count)))})`);
  const url = safeUrl(inc.logsExplorerUrl);
  if (url !== undefined) lines.push(`- **Logs** [open in Logs Explorer](${url})`);
  return lines;
}

function scoreTable(inc: Incident): string {
  const rows = inc.score.components.map((c) => [md(c.name), md(c.measured), formatDecimal(c.points), md(c.why)]);
  rows.push(['**total**', '', `**${formatDecimal(inc.score.total)}**`, `${inc.score.priority}: ${md(inc.score.thresholds)}`]);
  return table(['Component', 'Measured', 'Points', 'Why'], rows, ['l', 'l', 'r', 'l']);
}

function httpSection(inc: Incident): string[] {
  const h = inc.http;
  if (h === undefined) return [];
  const headers = ['Requests', '5xx', '4xx', '5xx share'];
  const row = [formatInt(h.requests), formatInt(h.status5xx), formatInt(h.status4xx), formatPercent(h.share5xx)];
  if (h.latencyMs !== undefined) {
    headers.push('p50', 'p95', 'p99');
    row.push(formatMs(h.latencyMs.p50), formatMs(h.latencyMs.p95), formatMs(h.latencyMs.p99));
  }
  const statuses = statusEntries(h.byStatus).map(([s, n]) => `${md(s)}: ${formatInt(n)}`).join(' · ');
  return ['#### HTTP', '', table(headers, [row], headers.map(() => 'r')), '', `By status: ${statuses === '' ? 'none' : statuses}`, ''];
}

function patternsSection(inc: Incident): string[] {
  if (inc.templates.length === 0) return [];
  const rows = inc.templates.map((t) => [formatInt(t.count), cellCode(t.template), cellCode(t.id)]);
  return ['#### Key log patterns', '', table(['Count', 'Template', 'Template id'], rows, ['r', 'l', 'l']), ''];
}

function sampleHeader(s: Sample, i: number): string {
  const parts = [`insertId ${code(s.insertId)}`, md(s.timestamp), s.severity];
  if (s.logKind !== undefined) parts.push(md(s.logKind));
  if (s.revision !== undefined) parts.push(`revision ${code(s.revision)}`);
  if (s.instanceId !== undefined) parts.push(`instance ${code(s.instanceId)}`);
  if (s.trace !== undefined) parts.push(`trace ${code(s.trace)}`);
  return `**Sample ${i + 1}** — ${parts.join(' · ')}`;
}

function samplesSection(inc: Incident): string[] {
  const samples = samplesOf(inc);
  if (samples.length === 0) return [];
  const out = ['#### Verbatim samples (secrets redacted)', ''];
  samples.forEach((s, i) => {
    const clip = clipText(s.text);
    out.push(sampleHeader(s, i), '', fence(clip.text, 'text'), '');
    if (clip.omitted > 0) out.push(`… ${formatInt(clip.omitted)} more characters not shown (the JSON report has the whole text).`, '');
  });
  return out;
}

function exceptionSection(inc: Incident): string[] {
  const e = inc.exception;
  if (e === undefined) return [];
  const out = ['#### Stack', '', `${code(e.type)} (${md(e.language)}): ${code(e.message)}`, ''];
  if (e.topFrames.length > 0) out.push('Top frames:', '', fence(e.topFrames.join('\n'), 'text'), '');
  return out;
}

function listSection(title: string, items: string[]): string[] {
  return items.length === 0 ? [] : [`#### ${title}`, '', ...items, ''];
}

function relatedItem(r: Incident['related'][number], report: RunReport): string {
  const target: string[] = [];
  if (r.incidentKey !== undefined) {
    const other = report.incidents.find((i) => i.key === r.incidentKey);
    target.push(other !== undefined ? `[${md(other.title)}](#${incidentAnchor(other)})` : `incident ${code(r.incidentKey)}`);
  }
  // Our own issue number is meant to link, so it is written out, not neutralized.
  if (r.issueNumber !== undefined) target.push(`issue #${r.issueNumber}`);
  return `- ${target.join(', ') || 'unnamed'} — ${md(r.reason)}`;
}

export function incidentSection(inc: Incident, index: number, report: RunReport): string {
  const heading = `### ${index + 1}. ${inc.score.priority} · ${md(inc.classification)} · ${md(inc.title)}`;
  const hints = inc.hints.flatMap((h) => [
    `- **${md(h.title)}** — evidence: ${code(h.evidence)}`,
    ...h.checks.map((c) => `  - [ ] ${md(c)}`),
  ]);
  return [
    `<a id="${incidentAnchor(inc)}"></a>`,
    '',
    heading,
    '',
    ...facts(inc, report),
    '',
    '#### Priority breakdown',
    '',
    scoreTable(inc),
    '',
    ...httpSection(inc),
    ...patternsSection(inc),
    ...samplesSection(inc),
    ...exceptionSection(inc),
    ...listSection('Why grouped', inc.grouping.map((g) => `- ${md(g)}`)),
    ...listSection('Hints', hints),
    ...listSection('Related', inc.related.map((r) => relatedItem(r, report))),
  ].join('\n');
}

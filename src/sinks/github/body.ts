import type { Incident, Sample } from '../../core/incident.js';
import { fence } from '../../safety/index.js';
import type { GithubConfig } from './config.js';
import { issueMarker, parseIssueMarker } from './marker.js';
import type { IssueMarker } from './marker.js';
import { sparkline } from './sparkline.js';
import type { TextOptions } from './text.js';
import { block, cellCode, clean, code, cut, prose, safeUrl } from './text.js';

// The issue body: everything an on-call needs to act, from measured figures only. Rendered once
// when the issue is filed (the living status comment carries the current figures afterwards); only
// its "Related issues" block is edited later, between its own markers. Bodies parse back into data.

export const RELATED_START = '<!-- log-gardener:related -->';
export const RELATED_END = '<!-- /log-gardener:related -->';

/** A related issue as rendered: the number and why. */
export interface RelatedLink {
  issueNumber: number;
  reason: string;
}

export interface BodyOptions {
  related: RelatedLink[];
  /** The issue this one is a regression of (new-issue mode). */
  regressionOf?: { issueNumber: number; closedAt: string };
}

const SAMPLE_LIMITS = [4000, 1500, 500, 200];

export function renderIssueBody(incident: Incident, config: GithubConfig, opts: BodyOptions): string {
  const o: TextOptions = { redactEmails: config.redactEmails };
  // Shrink evidence before anything else when the body is too long: samples first, then their
  // number, then stack frames; say so in the body.
  for (const perSample of SAMPLE_LIMITS) {
    for (let n = Math.min(config.maxSamples, 3); n >= 1; n--) {
      const body = render(incident, config, opts, o, { perSample, samples: n, frames: config.maxStackFrames });
      if (body.length <= config.maxBodyChars) return body;
    }
  }
  const last = render(incident, config, opts, o, { perSample: 100, samples: 1, frames: 3 });
  if (last.length <= config.maxBodyChars) return last;
  const note = '\n\n_Body cut to stay under GitHub\'s size limit._\n';
  const kept = last.slice(0, config.maxBodyChars - note.length - RELATED_START.length - RELATED_END.length - 4);
  // Keep fences balanced: drop an unterminated block at the cut.
  const lastFence = kept.lastIndexOf('\n```');
  const safe = (kept.split('\n```').length - 1) % 2 === 1 && lastFence >= 0 ? kept.slice(0, lastFence) : kept;
  return `${safe}${note}${RELATED_START}\n${RELATED_END}\n`;
}

interface Limits {
  perSample: number;
  samples: number;
  frames: number;
}

function render(incident: Incident, config: GithubConfig, opts: BodyOptions, o: TextOptions, limits: Limits): string {
  const out: string[] = [issueMarker(incident.key)];
  const s = incident.score;
  out.push(
    `**${prose(incident.title, o)}** — service ${code(incident.service, o)}, ${s.priority} (score ${s.total}), classified ${code(incident.classification, o)}: ${prose(incident.classificationReason, o)}`,
  );
  if (opts.regressionOf) {
    out.push('', `Regression of #${opts.regressionOf.issueNumber} (closed as completed at ${opts.regressionOf.closedAt}).`);
  }
  out.push('', '## Summary', '', summaryLine(incident));
  out.push('', '## Figures', '', ...figuresTable(incident, o));
  const spark = sparkline(incident.perMinute);
  if (spark) out.push('', `Entries per minute, ${incident.firstSeen} → ${incident.lastSeen}: ${code(spark, o)} (peak ${incident.peakPerMinute.count})`);
  if (incident.revisions.length > 0) out.push('', '## Revisions', '', ...revisionsTable(incident, o));
  out.push('', '## Samples', '', ...samples(incident, o, limits));
  if (incident.exception) {
    const ex = incident.exception;
    const frames = ex.topFrames.slice(0, limits.frames);
    out.push('', '## Stack', '', `${code(ex.type, o)} (${code(ex.language, o)}): ${prose(cut(clean(ex.message, o), 500).text, o)}`);
    if (frames.length > 0) out.push('', block(frames.join('\n'), o, 'text'));
    if (ex.topFrames.length > frames.length) out.push('', `_${ex.topFrames.length - frames.length} more frames not shown._`);
  }
  if (incident.grouping.length > 0) out.push('', '## Why grouped', '', ...incident.grouping.map((g) => `- ${prose(g, o)}`));
  out.push('', '## Priority', '', ...priorityTable(incident, o));
  if (incident.hints.length > 0) {
    out.push('', '## Hints', '');
    for (const h of incident.hints) {
      out.push(`- **${prose(h.title, o)}** (evidence: ${code(h.evidence, o)})`);
      for (const c of h.checks) out.push(`  - ${prose(c, o)}`);
    }
  }
  const url = safeUrl(incident.logsExplorerUrl);
  if (url) out.push('', '## Logs', '', `[Open these entries in Logs Explorer](${url})`);
  out.push('', '## Related issues', '', renderRelatedBlock(opts.related));
  out.push('', `<sub>Filed by log-gardener. Incident key ${code(incident.key, o)}; the status comment below is kept current.</sub>`, '');
  return out.join('\n');
}

function summaryLine(i: Incident): string {
  const sev = Object.entries(i.bySeverity)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  const revs = i.revisions.length;
  return `${i.count} entries${sev ? ` (${sev})` : ''} from ${i.firstSeen} to ${i.lastSeen}, on ${i.instances} instance(s)${revs > 0 ? ` across ${revs} revision(s)` : ''}; first seen ever ${i.allTimeFirstSeen}.`;
}

function figuresTable(i: Incident, o: TextOptions): string[] {
  const rows: [string, string][] = [
    ['Entries in window', String(i.count)],
    ['First / last seen (window)', `${i.firstSeen} / ${i.lastSeen}`],
    ['First / last seen (all time)', `${i.allTimeFirstSeen} / ${i.allTimeLastSeen}`],
    ['Peak per minute', `${i.peakPerMinute.count} at ${i.peakPerMinute.minute}`],
    ['Last full minute', String(i.currentPerMinute)],
  ];
  if (i.spike) rows.push(['Spike', `×${round(i.spike.factor)} over ${round(i.spike.baselinePerMinute)}/min (${prose(i.spike.basis, o)})`]);
  rows.push(['Instances / traces', `${i.instances} / ${i.traces}`]);
  if (i.users !== undefined) rows.push(['Users', String(i.users)]);
  if (i.http) {
    rows.push(['HTTP 5xx', `${i.http.status5xx} of ${i.http.requests} requests (${round(i.http.share5xx * 100)}%)`]);
    if (i.http.latencyMs) rows.push(['Latency p50 / p95 / p99', `${i.http.latencyMs.p50} / ${i.http.latencyMs.p95} / ${i.http.latencyMs.p99} ms`]);
  }
  if (i.owner) rows.push(['Owner', cellCode(i.owner, o)]);
  return ['| Measure | Value |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
}

function revisionsTable(i: Incident, o: TextOptions): string[] {
  return [
    '| Revision | Entries | First seen in it | Revision first logged |',
    '| --- | ---: | --- | --- |',
    ...i.revisions.map((r) => `| ${cellCode(r.name, o)} | ${r.count} | ${r.firstSeen} | ${r.revisionFirstLogged ?? 'unknown'} |`),
  ];
}

function samples(i: Incident, o: TextOptions, limits: Limits): string[] {
  const chosen: Sample[] = i.samples.slice(0, limits.samples);
  if (chosen.length === 0) return ['_No samples kept._'];
  const out: string[] = [];
  let anyCut = false;
  for (const s of chosen) {
    const where = [s.severity, s.revision ? `revision ${code(s.revision, o)}` : '', s.logKind ?? ''].filter((x) => x !== '').join(', ');
    out.push(`${code(s.insertId, o)} at ${s.timestamp} (${where})`, '');
    // Redact before cutting, so a cut can never leave half a secret unredacted.
    const { text, cutChars } = cut(clean(s.text, o), limits.perSample);
    anyCut ||= cutChars > 0;
    out.push(fence(text, 'text'));
    if (cutChars > 0) out.push(`_${cutChars} more characters of this entry not shown._`);
    out.push('');
  }
  if (chosen.length < Math.min(i.samples.length, 3) || anyCut) out.push("_Samples were shortened to keep this body under GitHub's size limit._", '');
  return out;
}

function priorityTable(i: Incident, o: TextOptions): string[] {
  const s = i.score;
  return [
    `Score ${s.total} → ${s.priority} (${prose(s.thresholds, o)})${s.override ? `; override: ${prose(s.override, o)}` : ''}.`,
    '',
    '| Component | Measured | Points | Why |',
    '| --- | --- | ---: | --- |',
    ...s.components.map((c) => `| ${prose(c.name, o)} | ${cellCode(c.measured, o)} | ${c.points} | ${prose(c.why, o)} |`),
  ];
}

const round = (n: number) => Math.round(n * 10) / 10;

export function renderRelatedBlock(related: readonly RelatedLink[]): string {
  const lines = related.length === 0 ? ['_None known._'] : related.map((r) => `- #${r.issueNumber} — ${r.reason}`);
  return [RELATED_START, ...lines, RELATED_END].join('\n');
}

/** Reason text for a related link, from untrusted parts. */
export const relatedReason = (reason: string, redactEmails: boolean): string => prose(reason, { redactEmails });

export interface ParsedIssueBody extends IssueMarker {
  related: RelatedLink[];
  /** The raw related block (markers included), or undefined when the body has none. */
  relatedBlock: string | undefined;
}

export function parseIssueBody(body: string | null): ParsedIssueBody | undefined {
  const marker = parseIssueMarker(body);
  if (!marker || body === null) return undefined;
  const start = body.indexOf(RELATED_START);
  const end = body.indexOf(RELATED_END, start);
  const relatedBlock = start >= 0 && end > start ? body.slice(start, end + RELATED_END.length) : undefined;
  const related: RelatedLink[] = [];
  for (const line of (relatedBlock ?? '').split('\n')) {
    const m = /^- #(\d+) — (.*)$/.exec(line);
    if (m) related.push({ issueNumber: Number(m[1]), reason: m[2]! });
  }
  return { ...marker, related, relatedBlock };
}

/** The body with its related block replaced (appended when missing). */
export function withRelatedBlock(body: string, related: readonly RelatedLink[]): string {
  const block = renderRelatedBlock(related);
  const start = body.indexOf(RELATED_START);
  const end = body.indexOf(RELATED_END, start);
  if (start >= 0 && end > start) return body.slice(0, start) + block + body.slice(end + RELATED_END.length);
  return `${body.replace(/\n*$/, '')}\n\n## Related issues\n\n${block}\n`;
}

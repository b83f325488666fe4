import type { Incident } from '../../core/incident.js';
import type { GithubConfig } from './config.js';
import { dataLine, eventMarker, parseDataLine, statusMarker } from './marker.js';
import { sparkline } from './sparkline.js';
import type { TextOptions } from './text.js';
import { cellCode, code, prose } from './text.js';

// The living status comment (one per issue, edited in place only when its text changes) and the
// threshold-event comments (posted once each; their id is a content hash carried in a marker).
// Both are deterministic functions of the incident: the same incident renders the same text, which
// is what lets a second identical run make zero writes.

/** What the status comment remembers for the next run's threshold checks. */
export interface StatusData {
  lastSeen: string;
  revisions: string[];
  spikeFactor: number | null;
  classification: string;
  priority: string;
}

export function statusData(incident: Incident): StatusData {
  return {
    lastSeen: incident.lastSeen,
    revisions: incident.revisions.map((r) => r.name).sort(),
    spikeFactor: incident.spike ? Math.round(incident.spike.factor * 10) / 10 : null,
    classification: incident.classification,
    priority: incident.score.priority,
  };
}

export function renderStatusComment(incident: Incident, config: GithubConfig): string {
  const o: TextOptions = { redactEmails: config.redactEmails };
  const i = incident;
  const rows: [string, string][] = [
    ['Priority', `${i.score.priority} (score ${i.score.total})`],
    ['Classification', `${cellCode(i.classification, o)}: ${prose(i.classificationReason, o)}`],
    ['Entries (last window)', `${i.count}, ${i.firstSeen} → ${i.lastSeen}`],
    ['All time', `${i.allTimeFirstSeen} → ${i.allTimeLastSeen}`],
    ['Peak / last full minute', `${i.peakPerMinute.count} at ${i.peakPerMinute.minute} / ${i.currentPerMinute}`],
  ];
  if (i.spike) rows.push(['Spike', `×${Math.round(i.spike.factor * 10) / 10} over ${Math.round(i.spike.baselinePerMinute * 10) / 10}/min`]);
  if (i.revisions.length > 0) rows.push(['Revisions', i.revisions.map((r) => `${cellCode(r.name, o)} (${r.count})`).join(', ')]);
  rows.push(['Instances / traces', `${i.instances} / ${i.traces}`]);
  const spark = sparkline(i.perMinute);
  return [
    statusMarker(i.key),
    dataLine('data', statusData(i)),
    '### Current status',
    '',
    '| | |',
    '| --- | --- |',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    ...(spark ? ['', `Per minute: ${code(spark, o)}`] : []),
    '',
    '<sub>Kept current by log-gardener; edited in place, never re-posted.</sub>',
    '',
  ].join('\n');
}

export function parseStatusData(body: string | null): StatusData | undefined {
  const d = parseDataLine(body, 'data') as Partial<StatusData> | undefined;
  if (!d || typeof d.lastSeen !== 'string' || !Array.isArray(d.revisions)) return undefined;
  return {
    lastSeen: d.lastSeen,
    revisions: d.revisions.filter((r): r is string => typeof r === 'string'),
    spikeFactor: typeof d.spikeFactor === 'number' ? d.spikeFactor : null,
    classification: typeof d.classification === 'string' ? d.classification : '',
    priority: typeof d.priority === 'string' ? d.priority : '',
  };
}

export type ThresholdEvent =
  | { kind: 'recurrence'; previousLastSeen: string; gapMinutes: number }
  | { kind: 'spike'; factor: number; baselinePerMinute: number }
  | { kind: 'new-revision'; revisions: string[] }
  | { kind: 'regression'; reason: string; closedAt?: string; revision?: string }
  | { kind: 'recurred-after-close'; closedAt: string; reason: string };

export function renderEventComment(incident: Incident, event: ThresholdEvent, eventId: string, config: GithubConfig): string {
  const o: TextOptions = { redactEmails: config.redactEmails };
  const head = eventMarker(incident.key, eventId);
  let text: string;
  switch (event.kind) {
    case 'recurrence':
      text = `**Back after a quiet period.** Last seen ${event.previousLastSeen}, seen again from ${incident.firstSeen} (a gap of ${formatMinutes(event.gapMinutes)}); ${incident.count} entries up to ${incident.lastSeen}.`;
      break;
    case 'spike':
      text = `**Spike ×${event.factor}** over a baseline of ${event.baselinePerMinute}/min: peak ${incident.peakPerMinute.count}/min at ${incident.peakPerMinute.minute}.`;
      break;
    case 'new-revision':
      text = `**Seen in a new revision:** ${event.revisions.map((r) => code(r, o)).join(', ')}.`;
      break;
    case 'regression':
      text = `**Regression.** ${prose(event.reason, o)}${event.revision ? ` Revision ${code(event.revision, o)} first logged after the close.` : ''}`;
      break;
    case 'recurred-after-close':
      text = `**Recurred after this issue was closed** (${event.closedAt}): ${prose(event.reason, o)} Not reopened automatically; labelled instead.`;
      break;
  }
  return `${head}\n${text}\n\n${incident.count} entries, ${incident.firstSeen} → ${incident.lastSeen}; priority ${incident.score.priority} (score ${incident.score.total}).\n`;
}

function formatMinutes(m: number): string {
  if (m < 120) return `${Math.round(m)} min`;
  if (m < 48 * 60) return `${Math.round(m / 6) / 10} h`;
  return `${Math.round(m / 144) / 10} days`;
}

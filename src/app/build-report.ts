import type { Incident, Priority } from '../core/incident.js';
import type { MinerStats } from '../core/miner.js';
import type { Severity } from '../core/severity.js';
import type { SourceCoverage } from '../core/source.js';
import { REPORT_SCHEMA_VERSION, type ReportWindow, type RunReport, type TimelineEvent } from '../report/model.js';
import type { SummaryAccumulator } from './summary.js';

// Assembles the report model from what the run measured. Pure: every figure comes from the
// accumulators or the incidents, so a reader can recompute it from the input.

export interface ReportInputs {
  version: string;
  service: string;
  project?: string;
  window: ReportWindow;
  minSeverity?: Severity;
  query?: string;
  summary: SummaryAccumulator;
  entriesRead: number;
  incidents: Incident[];
  sources: SourceCoverage[];
  outsideWindow: number;
  belowMinSeverity: number;
  duplicates: number;
  miner: MinerStats;
  notes: string[];
}

export function buildReport(i: ReportInputs): RunReport {
  const fromMs = Date.parse(i.window.from);
  const toMs = Date.parse(i.window.to);
  const perMinute = i.summary.series(fromMs, toMs);
  let peak: { minute: string; count: number } | null = null;
  for (const m of perMinute) if (m.errors > 0 && (peak === null || m.errors > peak.count)) peak = { minute: m.minute, count: m.errors };
  const byPriority: Record<Priority, number> = { P0: 0, P1: 0, P2: 0, P3: 0 };
  const problems = i.incidents.filter((x) => x.routine !== true);
  for (const inc of problems) byPriority[inc.score.priority]++;
  const complete = i.sources.every((s) => s.complete);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'log-gardener', version: i.version },
    service: i.service,
    ...(i.project !== undefined ? { project: i.project } : {}),
    window: i.window,
    ...(i.minSeverity !== undefined ? { minSeverity: i.minSeverity } : {}),
    ...(i.query !== undefined ? { query: i.query } : {}),
    summary: {
      entriesRead: i.entriesRead,
      recordsAnalysed: i.summary.records,
      bySeverity: sortSeverities(i.summary.bySeverity),
      errorsPerMinutePeak: peak,
      errorsPerMinuteNow: perMinute.length > 0 ? perMinute[perMinute.length - 1]!.errors : 0,
      incidentsByPriority: byPriority,
      newIncidents: problems.filter((x) => x.classification === 'new').length,
      regressions: problems.filter((x) => x.classification === 'regression').length,
      routinePatterns: i.incidents.length - problems.length,
    },
    incidents: i.incidents,
    perMinute,
    timeline: timeline(i.incidents),
    coverage: {
      sources: i.sources,
      outsideWindow: i.outsideWindow,
      belowMinSeverity: i.belowMinSeverity,
      duplicates: i.duplicates,
      miner: { lines: i.miner.lines, templates: i.miner.templates, skipped: i.miner.skipped, truncated: i.miner.truncated, evicted: i.miner.evicted },
      complete,
      notes: i.notes,
    },
  };
}

const ORDER: Severity[] = ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG', 'DEFAULT'];

function sortSeverities(by: Partial<Record<Severity, number>>): Partial<Record<Severity, number>> {
  const out: Partial<Record<Severity, number>> = {};
  for (const s of ORDER) if (by[s] !== undefined) out[s] = by[s];
  return out;
}

/** First/last seen and peak minute of each incident, in time order (ties by incident order). */
function timeline(incidents: Incident[]): TimelineEvent[] {
  const events: (TimelineEvent & { order: number })[] = [];
  incidents.forEach((inc, order) => {
    if (inc.routine === true) return;
    events.push({ time: inc.firstSeen, incidentKey: inc.key, event: `first seen: ${inc.title}`, order });
    if (inc.peakPerMinute.count > 1) {
      events.push({ time: inc.peakPerMinute.minute, incidentKey: inc.key, event: `peak ${inc.peakPerMinute.count}/min: ${inc.title}`, order });
    }
    if (inc.lastSeen !== inc.firstSeen) events.push({ time: inc.lastSeen, incidentKey: inc.key, event: `last seen: ${inc.title}`, order });
  });
  events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.order - b.order));
  return events.map(({ order: _order, ...e }) => e);
}

import type { Incident, Priority } from '../core/incident.js';
import type { Severity } from '../core/severity.js';
import type { SourceCoverage } from '../core/source.js';

// The worklog as data: a pure model, rendered to Markdown, JSON and HTML. The JSON rendering is this
// object as it is (schemaVersion pinned), documented in docs/report-schema.md.

export const REPORT_SCHEMA_VERSION = 1;

export interface ReportWindow {
  /** Inclusive start, ISO UTC. */
  from: string;
  /** Exclusive end, ISO UTC. */
  to: string;
  /** How the window was chosen: "flags", "since", "input" (span of the input), "cursor". */
  basis: string;
}

export interface ReportSummary {
  entriesRead: number;
  recordsAnalysed: number;
  bySeverity: Partial<Record<Severity, number>>;
  /** ERROR and above, per minute. */
  errorsPerMinutePeak: { minute: string; count: number } | null;
  errorsPerMinuteNow: number;
  incidentsByPriority: Record<Priority, number>;
  newIncidents: number;
  regressions: number;
  /** Incidents with no sign of a problem (src/incidents/routine.ts); not counted in the figures above. */
  routinePatterns: number;
}

export interface TimelineEvent {
  time: string;
  incidentKey: string;
  event: string;
}

export interface Coverage {
  sources: SourceCoverage[];
  /** Records outside the window or below --min-severity: counted, not analysed. */
  outsideWindow: number;
  belowMinSeverity: number;
  /** Entries already counted by an earlier run (same insertId). */
  duplicates: number;
  miner: { lines: number; templates: number; skipped: number; truncated: number; evicted: number };
  complete: boolean;
  notes: string[];
}

export interface RunReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'log-gardener'; version: string };
  service: string;
  project?: string;
  window: ReportWindow;
  minSeverity?: Severity;
  query?: string;
  summary: ReportSummary;
  incidents: Incident[];
  /** Per-minute counts for the whole service, by ERROR+/WARNING/other. */
  perMinute: { minute: string; errors: number; warnings: number; other: number }[];
  timeline: TimelineEvent[];
  coverage: Coverage;
  /** Filled when a GitHub plan was computed. */
  github?: unknown;
}

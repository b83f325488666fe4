import type { Severity } from './severity.js';

// The analysed incident: the unit a human files one issue about. Built by src/incidents,
// rendered by src/report, synced by src/sinks/github. Every figure here is measured from input
// or store; nothing is estimated.

export type Priority = 'P0' | 'P1' | 'P2' | 'P3';
export type Classification = 'new' | 'regression' | 'active-dev' | 'other';

export interface ScoreComponent {
  /** e.g. "severity", "volume", "rate", "spike", "http5xx", "crash", "novelty", "regression". */
  name: string;
  /** The measured input, as a human-readable value ("ERROR", "412 entries", "x4.2"). */
  measured: string;
  points: number;
  why: string;
}

export interface PriorityScore {
  total: number;
  priority: Priority;
  components: ScoreComponent[];
  /** The published formula, e.g. "P0 >= 80, P1 >= 55, P2 >= 30, else P3". */
  thresholds: string;
  /** Set when a rule forced the priority. */
  override?: string;
}

export interface Sample {
  insertId: string;
  timestamp: string;
  severity: Severity;
  /** Verbatim message text (redaction is applied by the renderers, not here). */
  text: string;
  logKind?: string;
  revision?: string;
  instanceId?: string;
  trace?: string;
}

export interface TemplateSummary {
  id: string;
  template: string;
  count: number;
  samples: Sample[];
}

export interface Hint {
  id: string;
  title: string;
  checks: string[];
  /** The evidence that triggered the hint, quoted from input (a template or exception type). */
  evidence: string;
}

export interface RelatedRef {
  incidentKey?: string;
  issueNumber?: number;
  reason: string;
}

export interface MinuteCount {
  /** ISO minute, e.g. "2025-09-07T13:21:00Z". */
  minute: string;
  count: number;
}

export interface HttpStats {
  requests: number;
  status5xx: number;
  status4xx: number;
  share5xx: number;
  byStatus: Record<string, number>;
  latencyMs?: { p50: number; p95: number; p99: number };
}

export interface RevisionSeen {
  name: string;
  count: number;
  firstSeen: string;
  /** When this revision first logged anything (window or store), to tell a new deploy. */
  revisionFirstLogged?: string;
}

export interface Incident {
  key: string;
  fingerprint: { version: number; kind: 'exception' | 'request' | 'template' | 'rule' | 'silence'; basis: string };
  title: string;
  score: PriorityScore;
  classification: Classification;
  classificationReason: string;
  service: string;
  count: number;
  bySeverity: Partial<Record<Severity, number>>;
  firstSeen: string;
  lastSeen: string;
  allTimeFirstSeen: string;
  allTimeLastSeen: string;
  perMinute: MinuteCount[];
  peakPerMinute: MinuteCount;
  /** Count in the last full minute of the window. */
  currentPerMinute: number;
  spike?: { factor: number; baselinePerMinute: number; basis: string };
  revisions: RevisionSeen[];
  instances: number;
  traces: number;
  users?: number;
  http?: HttpStats;
  templates: TemplateSummary[];
  samples: Sample[];
  exception?: { type: string; message: string; topFrames: string[]; language: string };
  /** Why its parts were grouped, one line per reason. */
  grouping: string[];
  hints: Hint[];
  related: RelatedRef[];
  logsExplorerUrl?: string;
  owner?: string;
  /** Routine activity (no sign of a problem, src/incidents/routine.ts): listed compactly, never filed. Set by the run. */
  routine?: boolean;
}

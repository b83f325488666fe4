import type { History, IncidentState } from '../core/history.js';

// The state store behind every run. Async so one interface serves SQLite (default, a file, zero
// set-up), PostgreSQL (a shared history for several gardeners) and memory (unit tests).
// Implementations: src/store/sqlite/, src/store/postgres/, src/store/memory/.

export interface RunRecord {
  id: string;
  service: string;
  startedAt: string;
  windowFrom: string;
  windowTo: string;
  source: string;
}

export interface RunOutcome {
  finishedAt: string;
  status: 'ok' | 'partial' | 'failed';
  entries: number;
  incidents: number;
}

/** What one run learnt about one incident, saved after the analysis. */
export interface IncidentObservation {
  key: string;
  service: string;
  title: string;
  /** Earliest and latest occurrence in this run's window. */
  firstSeen: string;
  lastSeen: string;
  /** Per-minute counts of entries not seen by any earlier run (insertId), so nothing is counted twice. */
  freshPerMinute: { minute: string; count: number }[];
  revisions: string[];
  state: IncidentState;
  resolvedAt?: string;
  /** The linked GitHub issue, when the caller knows it (kept when absent). */
  issueNumber?: number;
}

export interface TemplateObservation {
  id: string;
  service: string;
  template: string;
  lastSeen: string;
  count: number;
  minutes: number;
}

export interface Cursor {
  project: string;
  service: string;
  /** End of the last window fully read (exclusive), ISO UTC. */
  readUpTo: string;
  updatedAt: string;
}

/** A run as the store keeps it: what beginRun recorded plus, once finished, its outcome. */
export interface StoredRun extends RunRecord {
  outcome?: RunOutcome;
}

export interface Store {
  /** Applies pending versioned migrations; idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  beginRun(run: RunRecord): Promise<void>;
  finishRun(id: string, outcome: RunOutcome): Promise<void>;

  /**
   * Marks insertIds as seen for a service and returns those that were not seen before.
   * The caller counts only fresh entries towards all-time totals.
   */
  claimFresh(service: string, entries: { insertId: string; timeMs: number }[]): Promise<Set<string>>;

  loadHistory(service: string): Promise<History>;
  saveIncidents(observations: IncidentObservation[]): Promise<void>;
  saveTemplates(observations: TemplateObservation[]): Promise<void>;
  saveRevisions(revisions: { service: string; name: string; firstLogged: string }[]): Promise<void>;
  /** Sets the state of incidents not seen for a while (e.g. resolved after a quiet period). */
  setIncidentState(key: string, state: IncidentState, at: string): Promise<void>;

  /** The miner's persisted state (template ids and aliases), opaque JSON. */
  loadMinerState(scope: string): Promise<unknown | undefined>;
  saveMinerState(scope: string, state: unknown): Promise<void>;

  getCursor(project: string, service: string): Promise<Cursor | undefined>;
  setCursor(cursor: Cursor): Promise<void>;

  /** Links an incident to its GitHub issue (or unlinks it with undefined). Implemented by every backend in src/store. */
  linkIssue?(key: string, issueNumber: number | undefined): Promise<void>;
  /** The runs recorded for a service, oldest first: run bookkeeping for diagnostics and tests. */
  listRuns?(service: string): Promise<StoredRun[]>;
}

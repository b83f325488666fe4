import type { History, IncidentState } from '../core/history.js';
import { emptyHistory } from '../core/history.js';
import type { RunWindow } from './baseline.js';
import { observedMinutes, sumObserved } from './baseline.js';

// Every backend reads plain rows for one service and hands them to buildHistory, so the meaning of
// History (baseline, rates, first/last seen) is computed in one place, the same for SQLite, PostgreSQL
// and memory.

export interface IncidentRow {
  key: string;
  service: string;
  title: string;
  state: IncidentState;
  firstSeen: string;
  lastSeen: string;
  totalCount: number;
  resolvedAt: string | null;
  issueNumber: number | null;
}

export interface HistoryRows {
  service: string;
  /** Windows of the service's finished (ok or partial) runs. */
  runWindows: RunWindow[];
  incidents: IncidentRow[];
  incidentRevisions: { key: string; revision: string }[];
  /** Stored per-minute counts of the service's incidents (at or after the horizon suffices). */
  incidentMinutes: Iterable<{ key: string; minuteMs: number; count: number }>;
  /** Fresh entries per minute for the service (from claimFresh). */
  serviceMinutes: Iterable<{ minuteMs: number; count: number }>;
  serviceLastSeenMs: number | null;
  revisions: { service: string; name: string; firstLogged: string }[];
  templates: { id: string; service: string; template: string; lastSeen: string; count: number; minutes: number }[];
  baselineMs: number;
}

export function buildHistory(rows: HistoryRows): History {
  const h = emptyHistory();
  const observed = observedMinutes(rows.runWindows, rows.baselineMs);
  const perMinute = (count: number) => (observed.minutes > 0 ? count / observed.minutes : 0);
  const incidentCounts = sumObserved(observed, rows.incidentMinutes);

  const revisionsByKey = new Map<string, string[]>();
  for (const r of rows.incidentRevisions) {
    const list = revisionsByKey.get(r.key) ?? [];
    list.push(r.revision);
    revisionsByKey.set(r.key, list);
  }
  for (const i of rows.incidents) {
    h.incidents[i.key] = {
      key: i.key,
      service: i.service,
      title: i.title,
      state: i.state,
      firstSeen: i.firstSeen,
      lastSeen: i.lastSeen,
      totalCount: i.totalCount,
      ...(i.resolvedAt === null ? {} : { resolvedAt: i.resolvedAt }),
      revisions: (revisionsByKey.get(i.key) ?? []).sort(),
      baselinePerMinute: perMinute(incidentCounts.get(i.key) ?? 0),
      baselineMinutes: observed.minutes,
      ...(i.issueNumber === null ? {} : { issueNumber: i.issueNumber }),
    };
  }
  for (const r of rows.revisions) h.revisions[r.name] = { service: r.service, name: r.name, firstLogged: r.firstLogged };
  for (const t of rows.templates) {
    h.templates[t.id] = {
      id: t.id,
      service: t.service,
      template: t.template,
      lastSeen: t.lastSeen,
      perMinute: t.minutes > 0 ? t.count / t.minutes : 0,
      observedMinutes: t.minutes,
    };
  }
  // A service enters History once it has logged something we claimed; lastSeen is then always known.
  if (rows.serviceLastSeenMs !== null) {
    const serviceCount = sumObserved(
      observed,
      Array.from(rows.serviceMinutes, (m) => ({ key: rows.service, minuteMs: m.minuteMs, count: m.count })),
    ).get(rows.service);
    h.services[rows.service] = {
      service: rows.service,
      lastSeen: new Date(rows.serviceLastSeenMs).toISOString(),
      perMinute: perMinute(serviceCount ?? 0),
      observedMinutes: observed.minutes,
      runs: rows.runWindows.length,
    };
  }
  return h;
}

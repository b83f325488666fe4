import type { History, IncidentState } from '../../core/history.js';
import { baselineHorizon } from '../baseline.js';
import type { IncidentRow } from '../history-rows.js';
import { buildHistory } from '../history-rows.js';
import type { ResolvedStoreOptions, StoreOptions } from '../options.js';
import { resolveStoreOptions } from '../options.js';
import type {
  Cursor,
  IncidentObservation,
  RunOutcome,
  RunRecord,
  Store,
  StoredRun,
  TemplateObservation,
} from '../store.js';
import { ceilMinute, floorMinute, isoToMs, sumPerMinute } from '../time.js';
import {
  checkEntry,
  checkOutcome,
  checkState,
  duplicateRun,
  sameRun,
  serializeMinerState,
  sortRuns,
  unknownIncident,
  unknownRun,
} from '../validate.js';

// The in-memory Store for unit tests: the same semantics as SQLite and PostgreSQL (the shared
// contract suite in src/store/contract.ts runs against all three), nothing persisted.

interface MemRun extends StoredRun {
  fromMs: number;
  toMs: number;
}
interface MemIncident extends IncidentRow {
  firstSeenMs: number;
  lastSeenMs: number;
}
interface MemTemplate {
  id: string;
  service: string;
  template: string;
  lastSeen: string;
  lastSeenMs: number;
  count: number;
  minutes: number;
}

const pair = (a: string, b: string) => `${a}\u0000${b}`;

function addMinutes(into: Map<number, number>, add: Map<number, number>): void {
  for (const [m, c] of add) into.set(m, (into.get(m) ?? 0) + c);
}

export class MemoryStore implements Store {
  private readonly opts: ResolvedStoreOptions;
  private readonly runs = new Map<string, MemRun>();
  private readonly services = new Map<string, { lastSeenMs: number | null; horizonMs: number | null }>();
  private readonly serviceMinutes = new Map<string, Map<number, number>>();
  private readonly seen = new Map<string, Map<string, number>>();
  private readonly templates = new Map<string, MemTemplate>();
  private readonly minerState = new Map<string, string>();
  private readonly incidents = new Map<string, MemIncident>();
  private readonly incidentMinutes = new Map<string, Map<number, number>>();
  private readonly incidentRevisions = new Map<string, Set<string>>();
  private readonly revisions = new Map<string, { service: string; name: string; firstLogged: string; ms: number }>();
  private readonly cursors = new Map<string, Cursor>();

  constructor(options: StoreOptions = {}) {
    this.opts = resolveStoreOptions(options);
  }

  async migrate(): Promise<void> {}
  async close(): Promise<void> {}

  async beginRun(run: RunRecord): Promise<void> {
    const fromMs = isoToMs(run.windowFrom, `run ${run.id} windowFrom`);
    const toMs = isoToMs(run.windowTo, `run ${run.id} windowTo`);
    isoToMs(run.startedAt, `run ${run.id} startedAt`);
    const prev = this.runs.get(run.id);
    if (prev && !sameRun(prev, run)) throw duplicateRun(run.id);
    this.runs.set(run.id, { ...run, fromMs, toMs });
  }

  async finishRun(id: string, outcome: RunOutcome): Promise<void> {
    const run = this.runs.get(id);
    if (!run) throw unknownRun(id);
    checkOutcome(id, outcome);
    run.outcome = { ...outcome };
    if (outcome.status !== 'failed') this.foldLastSeen(run);
    this.prune(run.service);
  }

  async listRuns(service: string): Promise<StoredRun[]> {
    const out: StoredRun[] = [];
    for (const r of this.runs.values()) {
      if (r.service !== service) continue;
      const { fromMs: _f, toMs: _t, outcome, ...rec } = r;
      out.push(outcome ? { ...rec, outcome: { ...outcome } } : { ...rec });
    }
    return sortRuns(out);
  }

  async claimFresh(service: string, entries: { insertId: string; timeMs: number }[]): Promise<Set<string>> {
    for (const e of entries) checkEntry(service, e);
    const svc = this.services.get(service) ?? { lastSeenMs: null, horizonMs: null };
    const seen = this.seen.get(service) ?? new Map<string, number>();
    const perMinute = new Map<number, number>();
    const fresh = new Set<string>();
    for (const e of entries) {
      if (svc.horizonMs !== null && e.timeMs < svc.horizonMs) continue;
      if (seen.has(e.insertId)) continue;
      seen.set(e.insertId, Math.floor(e.timeMs));
      fresh.add(e.insertId);
      const m = floorMinute(e.timeMs);
      perMinute.set(m, (perMinute.get(m) ?? 0) + 1);
    }
    this.seen.set(service, seen);
    this.services.set(service, svc);
    const minutes = this.serviceMinutes.get(service) ?? new Map<number, number>();
    addMinutes(minutes, perMinute);
    this.serviceMinutes.set(service, minutes);
    return fresh;
  }

  async loadHistory(service: string): Promise<History> {
    const incidents = [...this.incidents.values()].filter((i) => i.service === service);
    const keys = new Set(incidents.map((i) => i.key));
    return buildHistory({
      service,
      baselineMs: this.opts.baselineMs,
      runWindows: this.finishedWindows(service),
      incidents: incidents.map(({ firstSeenMs: _f, lastSeenMs: _l, ...row }) => ({ ...row })),
      incidentRevisions: [...keys].flatMap((key) => [...(this.incidentRevisions.get(key) ?? [])].map((revision) => ({ key, revision }))),
      incidentMinutes: [...keys].flatMap((key) =>
        [...(this.incidentMinutes.get(key) ?? new Map<number, number>())].map(([minuteMs, count]) => ({ key, minuteMs, count })),
      ),
      serviceMinutes: [...(this.serviceMinutes.get(service) ?? new Map<number, number>())].map(([minuteMs, count]) => ({ minuteMs, count })),
      serviceLastSeenMs: this.services.get(service)?.lastSeenMs ?? null,
      revisions: [...this.revisions.values()].filter((r) => r.service === service).map(({ ms: _m, ...r }) => r),
      templates: [...this.templates.values()].filter((t) => t.service === service).map(({ lastSeenMs: _l, ...t }) => t),
    });
  }

  async saveIncidents(observations: IncidentObservation[]): Promise<void> {
    // Validate everything first so a bad observation changes nothing, like a rolled-back transaction.
    const prepared = observations.map((o) => {
      checkState(o.key, o.state);
      return {
        o,
        firstMs: isoToMs(o.firstSeen, `incident ${o.key} firstSeen`),
        lastMs: isoToMs(o.lastSeen, `incident ${o.key} lastSeen`),
        minutes: sumPerMinute(o.freshPerMinute, `incident ${o.key}`),
      };
    });
    for (const { o, firstMs, lastMs, minutes } of prepared) {
      const fresh = [...minutes.values()].reduce((a, b) => a + b, 0);
      const prev = this.incidents.get(o.key);
      const next: MemIncident = prev
        ? {
            ...prev,
            service: o.service,
            title: o.title,
            state: o.state,
            resolvedAt: o.resolvedAt ?? null,
            totalCount: prev.totalCount + fresh,
            issueNumber: o.issueNumber ?? prev.issueNumber,
          }
        : {
            key: o.key,
            service: o.service,
            title: o.title,
            state: o.state,
            firstSeen: o.firstSeen,
            firstSeenMs: firstMs,
            lastSeen: o.lastSeen,
            lastSeenMs: lastMs,
            totalCount: fresh,
            resolvedAt: o.resolvedAt ?? null,
            issueNumber: o.issueNumber ?? null,
          };
      if (firstMs < next.firstSeenMs) Object.assign(next, { firstSeen: o.firstSeen, firstSeenMs: firstMs });
      if (lastMs > next.lastSeenMs) Object.assign(next, { lastSeen: o.lastSeen, lastSeenMs: lastMs });
      this.incidents.set(o.key, next);
      const stored = this.incidentMinutes.get(o.key) ?? new Map<number, number>();
      addMinutes(stored, minutes);
      this.incidentMinutes.set(o.key, stored);
      const revs = this.incidentRevisions.get(o.key) ?? new Set<string>();
      for (const r of o.revisions) revs.add(r);
      this.incidentRevisions.set(o.key, revs);
    }
  }

  async saveTemplates(observations: TemplateObservation[]): Promise<void> {
    const prepared = observations.map((t) => ({ t, ms: isoToMs(t.lastSeen, `template ${t.id} lastSeen`) }));
    for (const { t, ms } of prepared) {
      const k = pair(t.service, t.id);
      const prev = this.templates.get(k);
      const next: MemTemplate = prev
        ? { ...prev, template: t.template, count: prev.count + t.count, minutes: prev.minutes + t.minutes }
        : { id: t.id, service: t.service, template: t.template, lastSeen: t.lastSeen, lastSeenMs: ms, count: t.count, minutes: t.minutes };
      if (prev && ms > prev.lastSeenMs) Object.assign(next, { lastSeen: t.lastSeen, lastSeenMs: ms });
      this.templates.set(k, next);
    }
  }

  async saveRevisions(revisions: { service: string; name: string; firstLogged: string }[]): Promise<void> {
    const prepared = revisions.map((r) => ({ r, ms: isoToMs(r.firstLogged, `revision ${r.name} firstLogged`) }));
    for (const { r, ms } of prepared) {
      const k = pair(r.service, r.name);
      const prev = this.revisions.get(k);
      if (!prev || ms < prev.ms) this.revisions.set(k, { service: r.service, name: r.name, firstLogged: r.firstLogged, ms });
    }
  }

  async setIncidentState(key: string, state: IncidentState, at: string): Promise<void> {
    checkState(key, state);
    const inc = this.incidents.get(key);
    if (!inc) throw unknownIncident('setIncidentState', key);
    isoToMs(at, `setIncidentState(${key}) at`);
    inc.state = state;
    if (state === 'resolved') inc.resolvedAt = at;
    if (state === 'open') inc.resolvedAt = null;
  }

  async linkIssue(key: string, issueNumber: number | undefined): Promise<void> {
    const inc = this.incidents.get(key);
    if (!inc) throw unknownIncident('linkIssue', key);
    inc.issueNumber = issueNumber ?? null;
  }

  async loadMinerState(scope: string): Promise<unknown | undefined> {
    const text = this.minerState.get(scope);
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  }

  async saveMinerState(scope: string, state: unknown): Promise<void> {
    this.minerState.set(scope, serializeMinerState(scope, state));
  }

  async getCursor(project: string, service: string): Promise<Cursor | undefined> {
    const c = this.cursors.get(pair(project, service));
    return c ? { ...c } : undefined;
  }

  async setCursor(cursor: Cursor): Promise<void> {
    isoToMs(cursor.readUpTo, 'cursor readUpTo');
    this.cursors.set(pair(cursor.project, cursor.service), { ...cursor });
  }

  private finishedWindows(service: string) {
    return [...this.runs.values()]
      .filter((r) => r.service === service && (r.outcome?.status === 'ok' || r.outcome?.status === 'partial'))
      .map((r) => ({ fromMs: r.fromMs, toMs: r.toMs }));
  }

  /** The service's last-seen time moves only when a run finishes, from the entries claimed in its window. */
  private foldLastSeen(run: MemRun): void {
    let last: number | null = null;
    const [from, to] = [floorMinute(run.fromMs), ceilMinute(run.toMs)];
    for (const t of this.seen.get(run.service)?.values() ?? []) if (t >= from && t < to && (last === null || t > last)) last = t;
    if (last === null) return;
    const svc = this.services.get(run.service) ?? { lastSeenMs: null, horizonMs: null };
    svc.lastSeenMs = svc.lastSeenMs === null ? last : Math.max(svc.lastSeenMs, last);
    this.services.set(run.service, svc);
  }

  /** Retention (docs/store.md): seen ids and per-minute counts older than their horizons go. */
  private prune(service: string): void {
    const windows = this.finishedWindows(service);
    if (windows.length === 0) return;
    const newest = Math.max(...windows.map((w) => w.toMs));
    const seenHorizon = newest - this.opts.seenRetentionMs;
    const svc = this.services.get(service) ?? { lastSeenMs: null, horizonMs: null };
    svc.horizonMs = Math.max(svc.horizonMs ?? seenHorizon, seenHorizon);
    this.services.set(service, svc);
    const seen = this.seen.get(service);
    if (seen) for (const [id, t] of seen) if (t < svc.horizonMs) seen.delete(id);
    const minuteHorizon = baselineHorizon(newest, this.opts.baselineMs);
    const dropOld = (m: Map<number, number> | undefined) => {
      if (m) for (const k of m.keys()) if (k < minuteHorizon) m.delete(k);
    };
    dropOld(this.serviceMinutes.get(service));
    for (const inc of this.incidents.values()) if (inc.service === service) dropOld(this.incidentMinutes.get(inc.key));
  }
}

export function openMemoryStore(options: StoreOptions = {}): Promise<Store> {
  return Promise.resolve(new MemoryStore(options));
}

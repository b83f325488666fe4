import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { GardenerError } from '../../core/errors.js';
import type { History, IncidentState } from '../../core/history.js';
import { baselineHorizon } from '../baseline.js';
import type { IncidentRow } from '../history-rows.js';
import { buildHistory } from '../history-rows.js';
import { coreMigrations } from '../migrations/core.js';
import type { Migration } from '../migrations/migration.js';
import { forDialect } from '../migrations/migration.js';
import type { ResolvedStoreOptions, StoreOptions } from '../options.js';
import { DEFAULT_STATE_PATH, resolveStoreOptions } from '../options.js';
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
  storeError,
  unknownIncident,
  unknownRun,
} from '../validate.js';
import { applyMigrations } from './migrate.js';

// The default Store: one SQLite file (zero set-up) through better-sqlite3. The driver is synchronous;
// the async interface is kept so callers do not care which backend is behind it. Every batch write
// is one IMMEDIATE transaction: it takes the write lock up front, so a second process sharing the
// file waits (busy_timeout) instead of failing on a read-to-write upgrade.

export interface SqliteStoreOptions extends StoreOptions {
  /** Further migrations owned by other modules (e.g. the GitHub sink's "github/001"), applied after core. */
  migrations?: Migration[];
  /** How long a writer waits for another process's lock before failing (ms). Default 5000. */
  busyTimeoutMs?: number;
}

const FINISHED = `status IN ('ok', 'partial')`;

export class SqliteStore implements Store {
  /** The open database, for modules that keep their own tables here (after registering migrations). */
  readonly db: Database.Database;
  private readonly opts: ResolvedStoreOptions;
  private readonly extraMigrations: Migration[];

  constructor(
    readonly path: string,
    options: SqliteStoreOptions = {},
  ) {
    this.opts = resolveStoreOptions(options);
    this.extraMigrations = options.migrations ?? [];
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
      this.db.pragma('foreign_keys = ON');
      // WAL + NORMAL: durable across application crashes; a power loss may drop the last commits.
      this.db.pragma('synchronous = NORMAL');
    } catch (err) {
      throw storeError(`cannot open the SQLite store at ${path}: ${(err as Error).message}`, 'check the --state path and its permissions', err);
    }
  }

  async migrate(): Promise<void> {
    applyMigrations(this.db, [...forDialect(coreMigrations, 'sqlite'), ...this.extraMigrations]);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async beginRun(run: RunRecord): Promise<void> {
    const fromMs = isoToMs(run.windowFrom, `run ${run.id} windowFrom`);
    const toMs = isoToMs(run.windowTo, `run ${run.id} windowTo`);
    isoToMs(run.startedAt, `run ${run.id} startedAt`);
    this.guard('beginRun', () =>
      this.db.transaction(() => {
        const prev = this.db
          .prepare('SELECT service, window_from AS windowFrom, window_to AS windowTo FROM runs WHERE id = ?')
          .get(run.id) as Pick<RunRecord, 'service' | 'windowFrom' | 'windowTo'> | undefined;
        if (prev && !sameRun(prev as RunRecord, run)) throw duplicateRun(run.id);
        this.db
          .prepare(
            `INSERT INTO runs (id, service, started_at, window_from, window_from_ms, window_to, window_to_ms, source)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, source = excluded.source,
               finished_at = NULL, status = NULL, entries = NULL, incidents = NULL`,
          )
          .run(run.id, run.service, run.startedAt, run.windowFrom, fromMs, run.windowTo, toMs, run.source);
      }).immediate(),
    );
  }

  async finishRun(id: string, outcome: RunOutcome): Promise<void> {
    checkOutcome(id, outcome);
    this.guard('finishRun', () =>
      this.db.transaction(() => {
        const row = this.db.prepare('SELECT service, window_from_ms AS fromMs, window_to_ms AS toMs FROM runs WHERE id = ?').get(id) as
          | { service: string; fromMs: number; toMs: number }
          | undefined;
        if (!row) throw unknownRun(id);
        this.db
          .prepare('UPDATE runs SET finished_at = ?, status = ?, entries = ?, incidents = ? WHERE id = ?')
          .run(outcome.finishedAt, outcome.status, outcome.entries, outcome.incidents, id);
        if (outcome.status !== 'failed') {
          // The service's last-seen time moves only when a run finishes, from the entries it claimed.
          this.db
            .prepare(
              `INSERT INTO services (service, last_seen_ms)
               SELECT ?, max(time_ms) FROM seen_entries WHERE service = ? AND time_ms >= ? AND time_ms < ? HAVING max(time_ms) IS NOT NULL
               ON CONFLICT (service) DO UPDATE SET last_seen_ms = max(coalesce(services.last_seen_ms, excluded.last_seen_ms), excluded.last_seen_ms)`,
            )
            .run(row.service, row.service, floorMinute(row.fromMs), ceilMinute(row.toMs));
        }
        this.prune(row.service);
      }).immediate(),
    );
  }

  async listRuns(service: string): Promise<StoredRun[]> {
    const rows = this.db.prepare('SELECT * FROM runs WHERE service = ?').all(service) as RunRow[];
    return sortRuns(rows.map(toStoredRun));
  }

  async claimFresh(service: string, entries: { insertId: string; timeMs: number }[]): Promise<Set<string>> {
    for (const e of entries) checkEntry(service, e);
    return this.guard('claimFresh', () =>
      this.db.transaction(() => {
        const horizon = (this.db.prepare('SELECT seen_horizon_ms AS h FROM services WHERE service = ?').get(service) as { h: number | null } | undefined)?.h ?? null;
        // One prepared single-row insert per id inside one transaction: changes === 1 means fresh.
        // As fast as chunked multi-row INSERT … RETURNING (scripts/bench-store.ts compares), and simpler.
        const insert = this.db.prepare('INSERT INTO seen_entries (service, insert_id, time_ms) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
        const fresh = new Set<string>();
        const perMinute = new Map<number, number>();
        for (const e of entries) {
          const t = Math.floor(e.timeMs);
          if (horizon !== null && t < horizon) continue;
          if (insert.run(service, e.insertId, t).changes !== 1) continue;
          fresh.add(e.insertId);
          const m = floorMinute(t);
          perMinute.set(m, (perMinute.get(m) ?? 0) + 1);
        }
        const addMinute = this.db.prepare(
          `INSERT INTO service_minutes (service, minute_ms, count) VALUES (?, ?, ?)
           ON CONFLICT (service, minute_ms) DO UPDATE SET count = service_minutes.count + excluded.count`,
        );
        for (const [m, c] of perMinute) addMinute.run(service, m, c);
        return fresh;
      }).immediate(),
    );
  }

  async loadHistory(service: string): Promise<History> {
    return this.guard('loadHistory', () =>
      this.db.transaction(() => {
        const runWindows = (
          this.db.prepare(`SELECT window_from_ms AS fromMs, window_to_ms AS toMs FROM runs WHERE service = ? AND ${FINISHED}`).all(service) as {
            fromMs: number;
            toMs: number;
          }[]
        );
        const horizon = runWindows.length === 0 ? 0 : baselineHorizon(Math.max(...runWindows.map((w) => w.toMs)), this.opts.baselineMs);
        const incidents = (this.db.prepare('SELECT * FROM incidents WHERE service = ?').all(service) as IncidentDbRow[]).map(toIncidentRow);
        return buildHistory({
          service,
          baselineMs: this.opts.baselineMs,
          runWindows,
          incidents,
          incidentRevisions: this.db
            .prepare('SELECT r.key AS key, r.revision AS revision FROM incident_revisions r JOIN incidents i ON i.key = r.key WHERE i.service = ?')
            .all(service) as { key: string; revision: string }[],
          incidentMinutes: this.db
            .prepare(
              `SELECT m.key AS key, m.minute_ms AS minuteMs, m.count AS count FROM incident_minutes m
               JOIN incidents i ON i.key = m.key WHERE i.service = ? AND m.minute_ms >= ?`,
            )
            .all(service, horizon) as { key: string; minuteMs: number; count: number }[],
          serviceMinutes: this.db
            .prepare('SELECT minute_ms AS minuteMs, count FROM service_minutes WHERE service = ? AND minute_ms >= ?')
            .all(service, horizon) as { minuteMs: number; count: number }[],
          serviceLastSeenMs:
            (this.db.prepare('SELECT last_seen_ms AS t FROM services WHERE service = ?').get(service) as { t: number | null } | undefined)?.t ?? null,
          revisions: this.db
            .prepare('SELECT service, name, first_logged AS firstLogged FROM revisions WHERE service = ?')
            .all(service) as { service: string; name: string; firstLogged: string }[],
          templates: this.db
            .prepare(
              `SELECT id, service, template, last_seen AS lastSeen, total_count AS count, observed_minutes AS minutes
               FROM templates WHERE service = ?`,
            )
            .all(service) as { id: string; service: string; template: string; lastSeen: string; count: number; minutes: number }[],
        });
      })(),
    );
  }

  async saveIncidents(observations: IncidentObservation[]): Promise<void> {
    // Validate and convert everything before the transaction, so bad input changes nothing.
    const prepared = observations.map((o) => {
      checkState(o.key, o.state);
      const minutes = sumPerMinute(o.freshPerMinute, `incident ${o.key}`);
      return {
        o,
        firstMs: isoToMs(o.firstSeen, `incident ${o.key} firstSeen`),
        lastMs: isoToMs(o.lastSeen, `incident ${o.key} lastSeen`),
        minutes,
        fresh: [...minutes.values()].reduce((a, b) => a + b, 0),
      };
    });
    this.guard('saveIncidents', () => {
      const upsert = this.db.prepare(
        `INSERT INTO incidents (key, service, title, state, first_seen, first_seen_ms, last_seen, last_seen_ms, total_count, resolved_at, issue_number)
         VALUES (@key, @service, @title, @state, @firstSeen, @firstMs, @lastSeen, @lastMs, @fresh, @resolvedAt, @issueNumber)
         ON CONFLICT (key) DO UPDATE SET
           service = excluded.service,
           title = excluded.title,
           state = excluded.state,
           resolved_at = excluded.resolved_at,
           issue_number = coalesce(excluded.issue_number, incidents.issue_number),
           total_count = incidents.total_count + excluded.total_count,
           first_seen = CASE WHEN excluded.first_seen_ms < incidents.first_seen_ms THEN excluded.first_seen ELSE incidents.first_seen END,
           first_seen_ms = min(incidents.first_seen_ms, excluded.first_seen_ms),
           last_seen = CASE WHEN excluded.last_seen_ms > incidents.last_seen_ms THEN excluded.last_seen ELSE incidents.last_seen END,
           last_seen_ms = max(incidents.last_seen_ms, excluded.last_seen_ms)`,
      );
      const addMinute = this.db.prepare(
        `INSERT INTO incident_minutes (key, minute_ms, count) VALUES (?, ?, ?)
         ON CONFLICT (key, minute_ms) DO UPDATE SET count = incident_minutes.count + excluded.count`,
      );
      const addRevision = this.db.prepare('INSERT INTO incident_revisions (key, revision) VALUES (?, ?) ON CONFLICT DO NOTHING');
      this.db.transaction(() => {
        for (const { o, firstMs, lastMs, minutes, fresh } of prepared) {
          upsert.run({
            key: o.key,
            service: o.service,
            title: o.title,
            state: o.state,
            firstSeen: o.firstSeen,
            firstMs,
            lastSeen: o.lastSeen,
            lastMs,
            fresh,
            resolvedAt: o.resolvedAt ?? null,
            issueNumber: o.issueNumber ?? null,
          });
          for (const [m, c] of minutes) addMinute.run(o.key, m, c);
          for (const r of o.revisions) addRevision.run(o.key, r);
        }
      }).immediate();
    });
  }

  async saveTemplates(observations: TemplateObservation[]): Promise<void> {
    const prepared = observations.map((t) => ({ t, ms: isoToMs(t.lastSeen, `template ${t.id} lastSeen`) }));
    this.guard('saveTemplates', () => {
      const upsert = this.db.prepare(
        `INSERT INTO templates (service, id, template, last_seen, last_seen_ms, total_count, observed_minutes)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (service, id) DO UPDATE SET
           template = excluded.template,
           total_count = templates.total_count + excluded.total_count,
           observed_minutes = templates.observed_minutes + excluded.observed_minutes,
           last_seen = CASE WHEN excluded.last_seen_ms > templates.last_seen_ms THEN excluded.last_seen ELSE templates.last_seen END,
           last_seen_ms = max(templates.last_seen_ms, excluded.last_seen_ms)`,
      );
      this.db.transaction(() => {
        for (const { t, ms } of prepared) upsert.run(t.service, t.id, t.template, t.lastSeen, ms, t.count, t.minutes);
      }).immediate();
    });
  }

  async saveRevisions(revisions: { service: string; name: string; firstLogged: string }[]): Promise<void> {
    const prepared = revisions.map((r) => ({ r, ms: isoToMs(r.firstLogged, `revision ${r.name} firstLogged`) }));
    this.guard('saveRevisions', () => {
      const upsert = this.db.prepare(
        `INSERT INTO revisions (service, name, first_logged, first_logged_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT (service, name) DO UPDATE SET
           first_logged = CASE WHEN excluded.first_logged_ms < revisions.first_logged_ms THEN excluded.first_logged ELSE revisions.first_logged END,
           first_logged_ms = min(revisions.first_logged_ms, excluded.first_logged_ms)`,
      );
      this.db.transaction(() => {
        for (const { r, ms } of prepared) upsert.run(r.service, r.name, r.firstLogged, ms);
      }).immediate();
    });
  }

  async setIncidentState(key: string, state: IncidentState, at: string): Promise<void> {
    checkState(key, state);
    isoToMs(at, `setIncidentState(${key}) at`);
    const changes = this.guard('setIncidentState', () =>
      this.db
        .prepare(
          `UPDATE incidents SET state = @state,
             resolved_at = CASE @state WHEN 'resolved' THEN @at WHEN 'open' THEN NULL ELSE resolved_at END
           WHERE key = @key`,
        )
        .run({ state, at, key }).changes,
    );
    if (changes === 0) throw unknownIncident('setIncidentState', key);
  }

  async linkIssue(key: string, issueNumber: number | undefined): Promise<void> {
    const changes = this.guard('linkIssue', () =>
      this.db.prepare('UPDATE incidents SET issue_number = ? WHERE key = ?').run(issueNumber ?? null, key).changes,
    );
    if (changes === 0) throw unknownIncident('linkIssue', key);
  }

  async loadMinerState(scope: string): Promise<unknown | undefined> {
    const row = this.guard('loadMinerState', () => this.db.prepare('SELECT state FROM miner_state WHERE scope = ?').get(scope) as { state: string } | undefined);
    return row === undefined ? undefined : (JSON.parse(row.state) as unknown);
  }

  async saveMinerState(scope: string, state: unknown): Promise<void> {
    const text = serializeMinerState(scope, state);
    this.guard('saveMinerState', () =>
      this.db.prepare('INSERT INTO miner_state (scope, state) VALUES (?, ?) ON CONFLICT (scope) DO UPDATE SET state = excluded.state').run(scope, text),
    );
  }

  async getCursor(project: string, service: string): Promise<Cursor | undefined> {
    const row = this.guard('getCursor', () =>
      this.db
        .prepare('SELECT project, service, read_up_to AS readUpTo, updated_at AS updatedAt FROM cursors WHERE project = ? AND service = ?')
        .get(project, service) as Cursor | undefined,
    );
    return row === undefined ? undefined : { ...row };
  }

  async setCursor(cursor: Cursor): Promise<void> {
    isoToMs(cursor.readUpTo, 'cursor readUpTo');
    this.guard('setCursor', () =>
      this.db
        .prepare(
          `INSERT INTO cursors (project, service, read_up_to, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (project, service) DO UPDATE SET read_up_to = excluded.read_up_to, updated_at = excluded.updated_at`,
        )
        .run(cursor.project, cursor.service, cursor.readUpTo, cursor.updatedAt),
    );
  }

  /** Retention (docs/store.md), run inside finishRun's transaction. */
  private prune(service: string): void {
    const newest = (this.db.prepare(`SELECT max(window_to_ms) AS t FROM runs WHERE service = ? AND ${FINISHED}`).get(service) as { t: number | null }).t;
    if (newest === null) return;
    const seenHorizon = newest - this.opts.seenRetentionMs;
    this.db
      .prepare(
        `INSERT INTO services (service, seen_horizon_ms) VALUES (?, ?)
         ON CONFLICT (service) DO UPDATE SET seen_horizon_ms = max(coalesce(services.seen_horizon_ms, excluded.seen_horizon_ms), excluded.seen_horizon_ms)`,
      )
      .run(service, seenHorizon);
    this.db
      .prepare('DELETE FROM seen_entries WHERE service = ? AND time_ms < (SELECT seen_horizon_ms FROM services WHERE service = ?)')
      .run(service, service);
    const minuteHorizon = baselineHorizon(newest, this.opts.baselineMs);
    this.db.prepare('DELETE FROM service_minutes WHERE service = ? AND minute_ms < ?').run(service, minuteHorizon);
    this.db
      .prepare('DELETE FROM incident_minutes WHERE minute_ms < ? AND key IN (SELECT key FROM incidents WHERE service = ?)')
      .run(minuteHorizon, service);
  }

  /** One place where driver errors become store errors that name the file and the operation. */
  private guard<T>(op: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof GardenerError) throw err;
      throw storeError(`SQLite store ${this.path}: ${op} failed: ${(err as Error).message}`, 'another process may hold the file locked, or the disk is full', err);
    }
  }
}

interface RunRow {
  id: string;
  service: string;
  started_at: string;
  window_from: string;
  window_to: string;
  source: string;
  finished_at: string | null;
  status: RunOutcome['status'] | null;
  entries: number | null;
  incidents: number | null;
}

function toStoredRun(r: RunRow): StoredRun {
  const run: StoredRun = { id: r.id, service: r.service, startedAt: r.started_at, windowFrom: r.window_from, windowTo: r.window_to, source: r.source };
  if (r.finished_at !== null && r.status !== null) {
    run.outcome = { finishedAt: r.finished_at, status: r.status, entries: Number(r.entries ?? 0), incidents: Number(r.incidents ?? 0) };
  }
  return run;
}

interface IncidentDbRow {
  key: string;
  service: string;
  title: string;
  state: IncidentState;
  first_seen: string;
  last_seen: string;
  total_count: number;
  resolved_at: string | null;
  issue_number: number | null;
}

const toIncidentRow = (r: IncidentDbRow): IncidentRow => ({
  key: r.key,
  service: r.service,
  title: r.title,
  state: r.state,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  totalCount: Number(r.total_count),
  resolvedAt: r.resolved_at,
  issueNumber: r.issue_number === null ? null : Number(r.issue_number),
});

/** Opens (creating directories and the file as needed) and migrates the SQLite store. */
export async function openSqliteStore(path: string = DEFAULT_STATE_PATH, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
  const store = new SqliteStore(path, options);
  try {
    await store.migrate();
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

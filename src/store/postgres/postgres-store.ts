import pg from 'pg';
import type { PoolClient } from 'pg';
import { GardenerError } from '../../core/errors.js';
import type { History, IncidentState } from '../../core/history.js';
import { baselineHorizon } from '../baseline.js';
import type { IncidentRow } from '../history-rows.js';
import { buildHistory } from '../history-rows.js';
import { coreMigrations } from '../migrations/core.js';
import type { Migration } from '../migrations/migration.js';
import { forDialect } from '../migrations/migration.js';
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
  storeError,
  unknownIncident,
  unknownRun,
} from '../validate.js';
import { applyPgMigrations } from './migrate.js';

// The Store on PostgreSQL, for teams running several gardeners on one shared history. Same
// semantics as SQLite (the shared contract suite runs against both); batches are sent as arrays
// through unnest() so a run costs a handful of round trips, not one per row.

export interface PostgresStoreOptions extends StoreOptions {
  /** Schema to keep the tables in (created if missing); default: the server's search_path. */
  schema?: string;
  /** Further migrations owned by other modules (e.g. "github/001"), applied after core. */
  migrations?: Migration[];
  /** Pool size. Default 4. */
  maxConnections?: number;
}

const FINISHED = `status IN ('ok', 'partial')`;
const CHUNK = 10_000;
const num = (v: unknown): number => Number(v);

/** Splits items into rounds in which each key occurs once, keeping order: a batch upsert then
 * behaves like applying the items one by one (PostgreSQL refuses to update one row twice per statement). */
function rounds<T>(items: readonly T[], key: (t: T) => string): T[][] {
  const out: T[][] = [];
  const seen = new Map<string, number>();
  for (const it of items) {
    const k = key(it);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    (out[n] ??= []).push(it);
  }
  return out;
}

export class PostgresStore implements Store {
  readonly pool: pg.Pool;
  private readonly opts: ResolvedStoreOptions;
  private readonly extraMigrations: Migration[];
  private readonly label: string;
  private readonly schema: string | undefined;

  constructor(url: string, options: PostgresStoreOptions = {}) {
    this.opts = resolveStoreOptions(options);
    this.extraMigrations = options.migrations ?? [];
    this.label = describeUrl(url);
    const schema = options.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw storeError(`invalid PostgreSQL schema name ${JSON.stringify(schema)}`, 'use lower-case letters, digits and underscores');
    }
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 4,
      ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    });
    // An idle client's error (server restart) must not crash the process; the next query reports it.
    this.pool.on('error', () => undefined);
    this.schema = schema;
  }

  async migrate(): Promise<void> {
    await this.guard('migrate', async () => {
      if (this.schema !== undefined) {
        // Two gardeners creating the schema at once: IF NOT EXISTS can still lose the race on the
        // catalogue's unique index; the loser finds the schema there, which is all it wanted.
        await this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`).catch((err: { code?: string }) => {
          if (err.code !== '23505' && err.code !== '42P06') throw err;
        });
      }
      await applyPgMigrations(this.pool, [...forDialect(coreMigrations, 'postgres'), ...this.extraMigrations]);
    });
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  async beginRun(run: RunRecord): Promise<void> {
    const fromMs = isoToMs(run.windowFrom, `run ${run.id} windowFrom`);
    const toMs = isoToMs(run.windowTo, `run ${run.id} windowTo`);
    isoToMs(run.startedAt, `run ${run.id} startedAt`);
    await this.tx('beginRun', async (c) => {
      const prev = await c.query<{ service: string; window_from: string; window_to: string }>(
        'SELECT service, window_from, window_to FROM runs WHERE id = $1 FOR UPDATE',
        [run.id],
      );
      const p = prev.rows[0];
      if (p && !sameRun({ ...run, service: p.service, windowFrom: p.window_from, windowTo: p.window_to }, run)) throw duplicateRun(run.id);
      await c.query(
        `INSERT INTO runs (id, service, started_at, window_from, window_from_ms, window_to, window_to_ms, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, source = excluded.source,
           finished_at = NULL, status = NULL, entries = NULL, incidents = NULL`,
        [run.id, run.service, run.startedAt, run.windowFrom, fromMs, run.windowTo, toMs, run.source],
      );
    });
  }

  async finishRun(id: string, outcome: RunOutcome): Promise<void> {
    checkOutcome(id, outcome);
    await this.tx('finishRun', async (c) => {
      const r = await c.query<{ service: string; from_ms: string; to_ms: string }>(
        `UPDATE runs SET finished_at = $1, status = $2, entries = $3, incidents = $4 WHERE id = $5
         RETURNING service, window_from_ms AS from_ms, window_to_ms AS to_ms`,
        [outcome.finishedAt, outcome.status, outcome.entries, outcome.incidents, id],
      );
      const row = r.rows[0];
      if (!row) throw unknownRun(id);
      if (outcome.status !== 'failed') {
        // The service's last-seen time moves only when a run finishes, from the entries it claimed.
        await c.query(
          `INSERT INTO services (service, last_seen_ms)
           SELECT $1::text, max(time_ms) FROM seen_entries WHERE service = $1::text AND time_ms >= $2 AND time_ms < $3 HAVING max(time_ms) IS NOT NULL
           ON CONFLICT (service) DO UPDATE SET last_seen_ms = GREATEST(services.last_seen_ms, excluded.last_seen_ms)`,
          [row.service, floorMinute(num(row.from_ms)), ceilMinute(num(row.to_ms))],
        );
      }
      await this.prune(c, row.service);
    });
  }

  async listRuns(service: string): Promise<StoredRun[]> {
    const r = await this.guard('listRuns', () => this.pool.query('SELECT * FROM runs WHERE service = $1', [service]));
    return sortRuns(
      r.rows.map((row: Record<string, unknown>) => {
        const run: StoredRun = {
          id: String(row.id),
          service: String(row.service),
          startedAt: String(row.started_at),
          windowFrom: String(row.window_from),
          windowTo: String(row.window_to),
          source: String(row.source),
        };
        if (row.finished_at !== null && row.status !== null) {
          run.outcome = {
            finishedAt: String(row.finished_at),
            status: row.status as RunOutcome['status'],
            entries: num(row.entries ?? 0),
            incidents: num(row.incidents ?? 0),
          };
        }
        return run;
      }),
    );
  }

  async claimFresh(service: string, entries: { insertId: string; timeMs: number }[]): Promise<Set<string>> {
    for (const e of entries) checkEntry(service, e);
    // First occurrence of each id in the batch only; the database decides which of those are new.
    const unique = new Map<string, number>();
    for (const e of entries) if (!unique.has(e.insertId)) unique.set(e.insertId, Math.floor(e.timeMs));
    return this.tx('claimFresh', async (c) => {
      const h = await c.query<{ h: string | null }>('SELECT seen_horizon_ms AS h FROM services WHERE service = $1', [service]);
      const horizon = h.rows[0]?.h == null ? null : num(h.rows[0].h);
      const candidates = [...unique].filter(([, t]) => horizon === null || t >= horizon);
      const fresh = new Set<string>();
      const perMinute = new Map<number, number>();
      for (let i = 0; i < candidates.length; i += CHUNK) {
        const chunk = candidates.slice(i, i + CHUNK);
        const r = await c.query<{ insert_id: string; time_ms: string }>(
          `INSERT INTO seen_entries (service, insert_id, time_ms)
           SELECT $1, * FROM unnest($2::text[], $3::bigint[])
           ON CONFLICT DO NOTHING RETURNING insert_id, time_ms`,
          [service, chunk.map(([id]) => id), chunk.map(([, t]) => t)],
        );
        for (const row of r.rows) {
          const t = num(row.time_ms);
          fresh.add(row.insert_id);
          const m = floorMinute(t);
          perMinute.set(m, (perMinute.get(m) ?? 0) + 1);
        }
      }
      if (perMinute.size > 0) {
        await c.query(
          `INSERT INTO service_minutes (service, minute_ms, count)
           SELECT $1, * FROM unnest($2::bigint[], $3::bigint[])
           ON CONFLICT (service, minute_ms) DO UPDATE SET count = service_minutes.count + excluded.count`,
          [service, [...perMinute.keys()], [...perMinute.values()]],
        );
      }
      return fresh;
    });
  }

  async loadHistory(service: string): Promise<History> {
    return this.tx(
      'loadHistory',
      async (c) => {
        const runWindows = (
          await c.query<{ from_ms: string; to_ms: string }>(
            `SELECT window_from_ms AS from_ms, window_to_ms AS to_ms FROM runs WHERE service = $1 AND ${FINISHED}`,
            [service],
          )
        ).rows.map((r) => ({ fromMs: num(r.from_ms), toMs: num(r.to_ms) }));
        const horizon = runWindows.length === 0 ? 0 : baselineHorizon(Math.max(...runWindows.map((w) => w.toMs)), this.opts.baselineMs);
        const incidents = (await c.query('SELECT * FROM incidents WHERE service = $1', [service])).rows.map(toIncidentRow);
        const revisionsOfIncidents = await c.query<{ key: string; revision: string }>(
          'SELECT r.key, r.revision FROM incident_revisions r JOIN incidents i ON i.key = r.key WHERE i.service = $1',
          [service],
        );
        const incidentMinutes = await c.query<{ key: string; minute_ms: string; count: string }>(
          `SELECT m.key, m.minute_ms, m.count FROM incident_minutes m
           JOIN incidents i ON i.key = m.key WHERE i.service = $1 AND m.minute_ms >= $2`,
          [service, horizon],
        );
        const serviceMinutes = await c.query<{ minute_ms: string; count: string }>(
          'SELECT minute_ms, count FROM service_minutes WHERE service = $1 AND minute_ms >= $2',
          [service, horizon],
        );
        const last = await c.query<{ t: string | null }>('SELECT last_seen_ms AS t FROM services WHERE service = $1', [service]);
        const revisions = await c.query<{ service: string; name: string; first_logged: string }>(
          'SELECT service, name, first_logged FROM revisions WHERE service = $1',
          [service],
        );
        const templates = await c.query<{ id: string; service: string; template: string; last_seen: string; total_count: string; observed_minutes: string }>(
          'SELECT id, service, template, last_seen, total_count, observed_minutes FROM templates WHERE service = $1',
          [service],
        );
        return buildHistory({
          service,
          baselineMs: this.opts.baselineMs,
          runWindows,
          incidents,
          incidentRevisions: revisionsOfIncidents.rows,
          incidentMinutes: incidentMinutes.rows.map((r) => ({ key: r.key, minuteMs: num(r.minute_ms), count: num(r.count) })),
          serviceMinutes: serviceMinutes.rows.map((r) => ({ minuteMs: num(r.minute_ms), count: num(r.count) })),
          serviceLastSeenMs: last.rows[0]?.t == null ? null : num(last.rows[0].t),
          revisions: revisions.rows.map((r) => ({ service: r.service, name: r.name, firstLogged: r.first_logged })),
          templates: templates.rows.map((t) => ({
            id: t.id,
            service: t.service,
            template: t.template,
            lastSeen: t.last_seen,
            count: num(t.total_count),
            minutes: num(t.observed_minutes),
          })),
        });
      },
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
  }

  async saveIncidents(observations: IncidentObservation[]): Promise<void> {
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
    if (prepared.length === 0) return;
    // Per-minute additions commute, so they are summed per (key, minute) across the whole batch.
    const minuteSums = new Map<string, { key: string; minute: number; count: number }>();
    const revisionPairs = new Map<string, { key: string; revision: string }>();
    for (const { o, minutes } of prepared) {
      for (const [m, count] of minutes) {
        const id = `${o.key}\u0000${m}`;
        const prev = minuteSums.get(id);
        if (prev) prev.count += count;
        else minuteSums.set(id, { key: o.key, minute: m, count });
      }
      for (const r of o.revisions) revisionPairs.set(`${o.key}\u0000${r}`, { key: o.key, revision: r });
    }
    await this.tx('saveIncidents', async (c) => {
      for (const round of rounds(prepared, (p) => p.o.key)) {
        await c.query(
          `INSERT INTO incidents (key, service, title, state, first_seen, first_seen_ms, last_seen, last_seen_ms, total_count, resolved_at, issue_number)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::bigint[], $9::bigint[], $10::text[], $11::int[])
           ON CONFLICT (key) DO UPDATE SET
             service = excluded.service,
             title = excluded.title,
             state = excluded.state,
             resolved_at = excluded.resolved_at,
             issue_number = COALESCE(excluded.issue_number, incidents.issue_number),
             total_count = incidents.total_count + excluded.total_count,
             first_seen = CASE WHEN excluded.first_seen_ms < incidents.first_seen_ms THEN excluded.first_seen ELSE incidents.first_seen END,
             first_seen_ms = LEAST(incidents.first_seen_ms, excluded.first_seen_ms),
             last_seen = CASE WHEN excluded.last_seen_ms > incidents.last_seen_ms THEN excluded.last_seen ELSE incidents.last_seen END,
             last_seen_ms = GREATEST(incidents.last_seen_ms, excluded.last_seen_ms)`,
          [
            round.map((p) => p.o.key),
            round.map((p) => p.o.service),
            round.map((p) => p.o.title),
            round.map((p) => p.o.state),
            round.map((p) => p.o.firstSeen),
            round.map((p) => p.firstMs),
            round.map((p) => p.o.lastSeen),
            round.map((p) => p.lastMs),
            round.map((p) => p.fresh),
            round.map((p) => p.o.resolvedAt ?? null),
            round.map((p) => p.o.issueNumber ?? null),
          ],
        );
      }
      const sums = [...minuteSums.values()];
      for (let i = 0; i < sums.length; i += CHUNK) {
        const chunk = sums.slice(i, i + CHUNK);
        await c.query(
          `INSERT INTO incident_minutes (key, minute_ms, count)
           SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
           ON CONFLICT (key, minute_ms) DO UPDATE SET count = incident_minutes.count + excluded.count`,
          [chunk.map((s) => s.key), chunk.map((s) => s.minute), chunk.map((s) => s.count)],
        );
      }
      const pairs = [...revisionPairs.values()];
      if (pairs.length > 0) {
        await c.query(
          `INSERT INTO incident_revisions (key, revision) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
          [pairs.map((p) => p.key), pairs.map((p) => p.revision)],
        );
      }
    });
  }

  async saveTemplates(observations: TemplateObservation[]): Promise<void> {
    const prepared = observations.map((t) => ({ t, ms: isoToMs(t.lastSeen, `template ${t.id} lastSeen`) }));
    if (prepared.length === 0) return;
    await this.tx('saveTemplates', async (c) => {
      for (const round of rounds(prepared, (p) => `${p.t.service}\u0000${p.t.id}`)) {
        await c.query(
          `INSERT INTO templates (service, id, template, last_seen, last_seen_ms, total_count, observed_minutes)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[])
           ON CONFLICT (service, id) DO UPDATE SET
             template = excluded.template,
             total_count = templates.total_count + excluded.total_count,
             observed_minutes = templates.observed_minutes + excluded.observed_minutes,
             last_seen = CASE WHEN excluded.last_seen_ms > templates.last_seen_ms THEN excluded.last_seen ELSE templates.last_seen END,
             last_seen_ms = GREATEST(templates.last_seen_ms, excluded.last_seen_ms)`,
          [
            round.map((p) => p.t.service),
            round.map((p) => p.t.id),
            round.map((p) => p.t.template),
            round.map((p) => p.t.lastSeen),
            round.map((p) => p.ms),
            round.map((p) => p.t.count),
            round.map((p) => p.t.minutes),
          ],
        );
      }
    });
  }

  async saveRevisions(revisions: { service: string; name: string; firstLogged: string }[]): Promise<void> {
    const prepared = revisions.map((r) => ({ r, ms: isoToMs(r.firstLogged, `revision ${r.name} firstLogged`) }));
    if (prepared.length === 0) return;
    await this.tx('saveRevisions', async (c) => {
      for (const round of rounds(prepared, (p) => `${p.r.service}\u0000${p.r.name}`)) {
        await c.query(
          `INSERT INTO revisions (service, name, first_logged, first_logged_ms)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
           ON CONFLICT (service, name) DO UPDATE SET
             first_logged = CASE WHEN excluded.first_logged_ms < revisions.first_logged_ms THEN excluded.first_logged ELSE revisions.first_logged END,
             first_logged_ms = LEAST(revisions.first_logged_ms, excluded.first_logged_ms)`,
          [round.map((p) => p.r.service), round.map((p) => p.r.name), round.map((p) => p.r.firstLogged), round.map((p) => p.ms)],
        );
      }
    });
  }

  async setIncidentState(key: string, state: IncidentState, at: string): Promise<void> {
    checkState(key, state);
    isoToMs(at, `setIncidentState(${key}) at`);
    const r = await this.guard('setIncidentState', () =>
      this.pool.query(
        `UPDATE incidents SET state = $1::text,
           resolved_at = CASE $1::text WHEN 'resolved' THEN $2::text WHEN 'open' THEN NULL ELSE resolved_at END
         WHERE key = $3`,
        [state, at, key],
      ),
    );
    if (r.rowCount === 0) throw unknownIncident('setIncidentState', key);
  }

  async linkIssue(key: string, issueNumber: number | undefined): Promise<void> {
    const r = await this.guard('linkIssue', () => this.pool.query('UPDATE incidents SET issue_number = $1 WHERE key = $2', [issueNumber ?? null, key]));
    if (r.rowCount === 0) throw unknownIncident('linkIssue', key);
  }

  async loadMinerState(scope: string): Promise<unknown | undefined> {
    const r = await this.guard('loadMinerState', () => this.pool.query<{ state: string }>('SELECT state FROM miner_state WHERE scope = $1', [scope]));
    const row = r.rows[0];
    return row === undefined ? undefined : (JSON.parse(row.state) as unknown);
  }

  async saveMinerState(scope: string, state: unknown): Promise<void> {
    const text = serializeMinerState(scope, state);
    await this.guard('saveMinerState', () =>
      this.pool.query('INSERT INTO miner_state (scope, state) VALUES ($1, $2) ON CONFLICT (scope) DO UPDATE SET state = excluded.state', [scope, text]),
    );
  }

  async getCursor(project: string, service: string): Promise<Cursor | undefined> {
    const r = await this.guard('getCursor', () =>
      this.pool.query<Cursor>(
        'SELECT project, service, read_up_to AS "readUpTo", updated_at AS "updatedAt" FROM cursors WHERE project = $1 AND service = $2',
        [project, service],
      ),
    );
    const row = r.rows[0];
    return row === undefined ? undefined : { project: row.project, service: row.service, readUpTo: row.readUpTo, updatedAt: row.updatedAt };
  }

  async setCursor(cursor: Cursor): Promise<void> {
    isoToMs(cursor.readUpTo, 'cursor readUpTo');
    await this.guard('setCursor', () =>
      this.pool.query(
        `INSERT INTO cursors (project, service, read_up_to, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (project, service) DO UPDATE SET read_up_to = excluded.read_up_to, updated_at = excluded.updated_at`,
        [cursor.project, cursor.service, cursor.readUpTo, cursor.updatedAt],
      ),
    );
  }

  /** Retention (docs/store.md), inside finishRun's transaction. */
  private async prune(c: PoolClient, service: string): Promise<void> {
    const r = await c.query<{ t: string | null }>(`SELECT max(window_to_ms) AS t FROM runs WHERE service = $1 AND ${FINISHED}`, [service]);
    if (r.rows[0]?.t == null) return;
    const newest = num(r.rows[0].t);
    await c.query(
      `INSERT INTO services (service, seen_horizon_ms) VALUES ($1, $2)
       ON CONFLICT (service) DO UPDATE SET seen_horizon_ms = GREATEST(services.seen_horizon_ms, excluded.seen_horizon_ms)`,
      [service, newest - this.opts.seenRetentionMs],
    );
    await c.query('DELETE FROM seen_entries WHERE service = $1 AND time_ms < (SELECT seen_horizon_ms FROM services WHERE service = $1)', [service]);
    const minuteHorizon = baselineHorizon(newest, this.opts.baselineMs);
    await c.query('DELETE FROM service_minutes WHERE service = $1 AND minute_ms < $2', [service, minuteHorizon]);
    await c.query('DELETE FROM incident_minutes WHERE minute_ms < $1 AND key IN (SELECT key FROM incidents WHERE service = $2)', [minuteHorizon, service]);
  }

  private async tx<T>(op: string, fn: (c: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    return this.guard(op, async () => {
      const c = await this.pool.connect();
      try {
        await c.query(begin);
        const out = await fn(c);
        await c.query('COMMIT');
        return out;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    });
  }

  /** One place where driver errors become store errors that name the server and the operation. */
  private async guard<T>(op: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof GardenerError) throw err;
      throw storeError(`PostgreSQL store ${this.label}: ${op} failed: ${(err as Error).message}`, 'check that the server is reachable and the URL, user and database are right', err);
    }
  }
}

function toIncidentRow(r: Record<string, unknown>): IncidentRow {
  return {
    key: String(r.key),
    service: String(r.service),
    title: String(r.title),
    state: r.state as IncidentState,
    firstSeen: String(r.first_seen),
    lastSeen: String(r.last_seen),
    totalCount: num(r.total_count),
    resolvedAt: r.resolved_at == null ? null : String(r.resolved_at),
    issueNumber: r.issue_number == null ? null : num(r.issue_number),
  };
}

/** The URL without its password, for messages. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** Opens a pool and migrates. A `schema` query parameter in the URL selects the schema (?schema=gardener). */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  let connection = url;
  let schema = options.schema;
  try {
    const u = new URL(url);
    const fromUrl = u.searchParams.get('schema');
    if (fromUrl !== null) {
      schema ??= fromUrl;
      u.searchParams.delete('schema');
      connection = u.toString();
    }
  } catch {
    throw storeError(`invalid PostgreSQL URL ${describeUrl(url)}`, 'use postgres://user:password@host:5432/database');
  }
  const store = new PostgresStore(connection, { ...options, ...(schema === undefined ? {} : { schema }) });
  try {
    await store.migrate();
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

// Store figures: claimFresh on 100k ids and saveIncidents for 1,000 incidents, per backend.
// Usage: npx tsx scripts/bench-store.ts            (SQLite on a temp file, and memory)
//        LOG_GARDENER_TEST_PG_URL=postgres://… npx tsx scripts/bench-store.ts   (adds PostgreSQL)
// Prints the median of 3 repetitions, each on a fresh store. Figures, not assertions.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openMemoryStore } from '../src/store/memory/memory-store.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { IncidentObservation, Store } from '../src/store/store.js';

const N_IDS = 100_000;
const N_INCIDENTS = 1_000;
const T0 = Date.parse('2025-09-07T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

const ids = Array.from({ length: N_IDS }, (_, i) => ({ insertId: `${i.toString(16).padStart(8, '0')}${'a'.repeat(16)}`, timeMs: T0 + i * 30 }));
const observations: IncidentObservation[] = Array.from({ length: N_INCIDENTS }, (_, i) => ({
  key: `incident-${i}`,
  service: 'svc',
  title: `Incident ${i}`,
  firstSeen: iso(T0),
  lastSeen: iso(T0 + 59 * 60_000),
  freshPerMinute: Array.from({ length: 60 }, (_, m) => ({ minute: iso(T0 + m * 60_000), count: 1 + (i % 7) })),
  revisions: ['svc-00001-abc', `svc-0000${i % 3}-def`],
  state: 'open',
}));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function bench(name: string, open: () => Promise<{ store: Store; done: () => Promise<void> }>): Promise<void> {
  const rows: Record<string, number[]> = { claimNew: [], claimSeen: [], saveIncidents: [], saveAgain: [], loadHistory: [] };
  for (let rep = 0; rep < 3; rep++) {
    const { store, done } = await open();
    rows.claimNew!.push(await time(() => store.claimFresh('svc', ids)));
    rows.claimSeen!.push(await time(() => store.claimFresh('svc', ids)));
    await store.beginRun({ id: 'r', service: 'svc', startedAt: iso(T0 + 3_600_000), windowFrom: iso(T0), windowTo: iso(T0 + 3_600_000), source: 'bench' });
    rows.saveIncidents!.push(await time(() => store.saveIncidents(observations)));
    rows.saveAgain!.push(await time(() => store.saveIncidents(observations)));
    await store.finishRun('r', { finishedAt: iso(T0 + 3_600_000), status: 'ok', entries: N_IDS, incidents: N_INCIDENTS });
    rows.loadHistory!.push(await time(() => store.loadHistory('svc')));
    await store.close();
    await done();
  }
  const f = (k: string) => `${median(rows[k]!).toFixed(0)} ms`;
  console.log(
    `${name.padEnd(9)} claimFresh 100k new: ${f('claimNew')}, 100k seen: ${f('claimSeen')} | ` +
      `saveIncidents 1,000 (60 minutes each): ${f('saveIncidents')}, again: ${f('saveAgain')} | loadHistory 1,000: ${f('loadHistory')}`,
  );
}

/** The alternative claimFresh strategy the SQLite store does not use, for comparison. */
function sqliteMultiRowReturning(path: string): number {
  const db = new Database(path);
  db.exec('CREATE TABLE seen (service TEXT, insert_id TEXT, time_ms INTEGER, PRIMARY KEY (service, insert_id)) WITHOUT ROWID');
  const chunk = 300; // 3 parameters a row; SQLite allows 32766 parameters per statement
  const t = performance.now();
  db.transaction(() => {
    const stmt = db.prepare(`INSERT INTO seen VALUES ${Array(chunk).fill('(?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING RETURNING insert_id`);
    const fresh = new Set<string>();
    for (let i = 0; i + chunk <= ids.length; i += chunk) {
      const args = ids.slice(i, i + chunk).flatMap((e) => ['svc', e.insertId, e.timeMs]);
      for (const r of stmt.all(...args) as { insert_id: string }[]) fresh.add(r.insert_id);
    }
  })();
  const ms = performance.now() - t;
  db.close();
  return ms;
}

const dir = mkdtempSync(join(tmpdir(), 'lg-bench-store-'));
try {
  let n = 0;
  await bench('sqlite', async () => {
    const path = join(dir, `s${n++}.db`);
    return { store: await openSqliteStore(path), done: async () => undefined };
  });
  await bench('memory', async () => ({ store: await openMemoryStore(), done: async () => undefined }));
  const alt = median([0, 1, 2].map((i) => sqliteMultiRowReturning(join(dir, `alt${i}.db`))));
  console.log(`sqlite    (comparison) claimFresh 100k new as chunked multi-row INSERT … RETURNING: ${alt.toFixed(0)} ms`);
  const url = process.env.LOG_GARDENER_TEST_PG_URL;
  if (url) {
    const schemas: string[] = [];
    await bench('postgres', async () => {
      const schema = `lg_bench_${randomBytes(5).toString('hex')}`;
      schemas.push(schema);
      return { store: await openPostgresStore(url, { schema }), done: async () => undefined };
    });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    for (const s of schemas) await c.query(`DROP SCHEMA ${s} CASCADE`);
    await c.end();
  } else {
    console.log('postgres  skipped: set LOG_GARDENER_TEST_PG_URL (scripts/pg-test-server.sh start)');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

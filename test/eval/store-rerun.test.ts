import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { stableHash } from '../../src/core/hash.js';
import { countFresh } from '../../src/store/fresh-counts.js';
import { openStore } from '../../src/store/open-store.js';
import type { IncidentObservation, Store } from '../../src/store/store.js';

// Must-show 3, the store's half: the real export read twice (and in overlapping halves) against one
// SQLite store counts nothing twice, and a resolved incident seen again in a newer revision leaves
// the evidence a classifier needs (state, resolvedAt, revisions, the new revision's first log).
// Incidents here are a stand-in grouping (service + severity): the real grouping is src/incidents'.

interface Entry {
  insertId: string;
  timeMs: number;
  timestamp: string;
  service: string;
  severity: string;
  revision: string;
}

const file = resolve('../shared/data/cloud-logging/cloud-run-auth-failures-2025-09-07.json');
const raw = JSON.parse(readFileSync(file, 'utf8')) as {
  insertId: string;
  timestamp: string;
  severity?: string;
  resource?: { labels?: Record<string, string> };
}[];
const entries: Entry[] = raw.map((e) => ({
  insertId: e.insertId,
  timeMs: Date.parse(e.timestamp),
  timestamp: e.timestamp,
  service: e.resource?.labels?.service_name ?? 'unknown',
  severity: e.severity ?? 'DEFAULT',
  revision: e.resource?.labels?.revision_name ?? 'unknown',
}));
const SERVICE = 'netra-backend-staging';
const backend = entries.filter((e) => e.service === SERVICE);
const keyOf = (e: Entry) => stableHash([e.service, e.severity]);

const dir = mkdtempSync(join(tmpdir(), 'lg-store-eval-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** One run the way src/app does it: claim, count fresh per minute, load history, save, finish. */
async function runOnce(store: Store, id: string, batch: Entry[], window: { from: string; to: string }, startedAt: string) {
  const fresh = await store.claimFresh(SERVICE, batch);
  const before = await store.loadHistory(SERVICE);
  const groups = new Map<string, Entry[]>();
  for (const e of batch) groups.set(keyOf(e), [...(groups.get(keyOf(e)) ?? []), e]);
  const observations: IncidentObservation[] = [...groups].map(([key, es]) => ({
    key,
    service: SERVICE,
    title: `${es[0]?.severity} entries of ${SERVICE}`,
    firstSeen: es.reduce((a, e) => (e.timeMs < a.timeMs ? e : a)).timestamp,
    lastSeen: es.reduce((a, e) => (e.timeMs > a.timeMs ? e : a)).timestamp,
    freshPerMinute: countFresh(es, fresh),
    revisions: [...new Set(es.map((e) => e.revision))],
    state: before.incidents[key]?.state === 'ignored' ? 'ignored' : 'open',
    ...(before.incidents[key]?.resolvedAt ? { resolvedAt: before.incidents[key].resolvedAt } : {}),
  }));
  await store.beginRun({ id, service: SERVICE, startedAt, windowFrom: window.from, windowTo: window.to, source: file });
  await store.saveIncidents(observations);
  await store.saveRevisions([...new Set(batch.map((e) => e.revision))].map((name) => ({
    service: SERVICE,
    name,
    firstLogged: batch.filter((e) => e.revision === name).reduce((a, e) => (e.timeMs < a.timeMs ? e : a)).timestamp,
  })));
  await store.finishRun(id, { finishedAt: startedAt, status: 'ok', entries: batch.length, incidents: observations.length });
  return { fresh, before };
}

describe('store: the same export run twice', () => {
  const window = { from: '2025-09-07T13:20:00Z', to: '2025-09-07T13:36:00Z' };
  let store: Store;

  it('counts every entry once however often and however split it is read', async () => {
    store = await openStore(join(dir, 'state.db'));
    assert.equal(backend.length, 1751);
    const first = await runOnce(store, 'run-1', backend, window, '2025-09-07T13:40:00Z');
    assert.equal(first.fresh.size, backend.length);
    assert.deepEqual(first.before.incidents, {}, 'nothing known before the first run');
    const h1 = await store.loadHistory(SERVICE);
    const total = (h: typeof h1) => Object.values(h.incidents).reduce((n, i) => n + i.totalCount, 0);
    assert.equal(total(h1), backend.length);

    const second = await runOnce(store, 'run-2', backend, window, '2025-09-07T13:45:00Z');
    assert.equal(second.fresh.size, 0, 'the second run finds nothing new');
    assert.deepEqual(Object.keys(second.before.incidents).sort(), Object.keys(h1.incidents).sort(), 'the same incidents, now known');
    const h2 = await store.loadHistory(SERVICE);
    assert.equal(total(h2), backend.length, 'counts not doubled');
    for (const [key, inc] of Object.entries(h2.incidents)) {
      assert.equal(inc.totalCount, h1.incidents[key]?.totalCount);
      assert.equal(inc.firstSeen, h1.incidents[key]?.firstSeen);
      assert.equal(inc.baselineMinutes, 16, 'one 16-minute window, read twice, observed once');
    }
    await store.close();

    // Reopen (a new process) and read overlapping halves: still nothing new.
    store = await openStore(join(dir, 'state.db'));
    const mid = Date.parse('2025-09-07T13:28:00Z');
    const third = await runOnce(store, 'run-3', backend.filter((e) => e.timeMs < mid + 60_000), { from: window.from, to: '2025-09-07T13:29:00Z' }, '2025-09-07T13:50:00Z');
    const fourth = await runOnce(store, 'run-4', backend.filter((e) => e.timeMs >= mid), { from: '2025-09-07T13:28:00Z', to: window.to }, '2025-09-07T13:51:00Z');
    assert.equal(third.fresh.size + fourth.fresh.size, 0);
    assert.equal(total(await store.loadHistory(SERVICE)), backend.length);
  });

  it('a resolved incident seen again in a newer revision keeps the evidence of a regression', async () => {
    const errors = backend.filter((e) => e.severity === 'ERROR');
    assert.ok(errors.length > 0);
    const key = keyOf(errors[0] as Entry);
    await store.setIncidentState(key, 'resolved', '2025-09-08T09:00:00Z');
    // A day later the same failure logs again from a new revision (new entries, new ids).
    const day = 86_400_000;
    const later = errors.map((e) => ({
      ...e,
      insertId: `${e.insertId}-next-day`,
      timeMs: e.timeMs + day,
      timestamp: new Date(e.timeMs + day).toISOString(),
      revision: 'netra-backend-staging-00084-new',
    }));
    const run = await runOnce(store, 'run-5', later, { from: '2025-09-08T13:20:00Z', to: '2025-09-08T13:36:00Z' }, '2025-09-08T13:40:00Z');
    const memory = run.before.incidents[key];
    assert.equal(memory?.state, 'resolved');
    assert.equal(memory?.resolvedAt, '2025-09-08T09:00:00Z');
    assert.deepEqual(memory?.revisions, ['netra-backend-staging-00083-5xw']);
    const after = await store.loadHistory(SERVICE);
    assert.equal(after.incidents[key]?.state, 'open');
    assert.equal(after.incidents[key]?.totalCount, errors.length * 2);
    assert.deepEqual(after.incidents[key]?.revisions, ['netra-backend-staging-00083-5xw', 'netra-backend-staging-00084-new']);
    const newRev = after.revisions['netra-backend-staging-00084-new'];
    assert.ok(newRev && Date.parse(newRev.firstLogged) > Date.parse(memory?.resolvedAt ?? ''), 'the new revision first logged after the resolution');
    await store.close();
  });
});

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { GardenerError } from '../core/errors.js';
import type { StoreOptions } from './options.js';
import type { IncidentObservation, RunRecord, Store } from './store.js';

// The one behavioural suite every Store backend must pass (memory, SQLite, PostgreSQL). Backends
// differ in SQL, never in what a caller sees. Used by memory/*.test.ts, sqlite/*.test.ts and
// test/eval/store-postgres.test.ts.

export interface StoreHarness {
  /** Opens a handle on this harness's one location; a second call opens the same data again. */
  open(): Promise<Store>;
  /** Removes the location (temp dir, schema). */
  dispose?(): Promise<void>;
}
export type StoreFactory = (options?: StoreOptions) => Promise<StoreHarness>;

const T0 = Date.parse('2025-09-07T10:00:00Z');
const at = (minute: number, second = 0) => new Date(T0 + minute * 60_000 + second * 1000).toISOString();

function run(id: string, service: string, fromMinute: number, toMinute: number): RunRecord {
  return { id, service, startedAt: at(toMinute, 5), windowFrom: at(fromMinute), windowTo: at(toMinute), source: 'test' };
}

/** What the app does per run: claim the entries, count only the fresh ones per minute, save. */
async function observe(
  store: Store,
  service: string,
  key: string,
  entries: { insertId: string; timeMs: number }[],
  extra: Partial<IncidentObservation> = {},
): Promise<Set<string>> {
  const fresh = await store.claimFresh(service, entries);
  const perMinute = new Map<string, number>();
  for (const e of entries) {
    if (!fresh.has(e.insertId)) continue;
    const minute = new Date(Math.floor(e.timeMs / 60_000) * 60_000).toISOString();
    perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
  }
  const times = entries.map((e) => e.timeMs);
  await store.saveIncidents([
    {
      key,
      service,
      title: `title of ${key}`,
      firstSeen: new Date(Math.min(...times)).toISOString(),
      lastSeen: new Date(Math.max(...times)).toISOString(),
      freshPerMinute: [...perMinute].map(([minute, count]) => ({ minute, count })),
      revisions: ['svc-00001-abc'],
      state: 'open',
      ...extra,
    },
  ]);
  return fresh;
}

/** `n` entries spread over the given minute, ids `${prefix}-${i}`. */
const entriesAt = (prefix: string, minute: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ insertId: `${prefix}-${i}`, timeMs: T0 + minute * 60_000 + i * 100 }));

const isStoreError = (e: unknown) => e instanceof GardenerError && e.kind === 'store';

export function describeStoreContract(name: string, factory: StoreFactory, skip?: string): void {
  describe(`Store contract: ${name}`, { skip: skip ?? false }, () => {
    const harnesses: StoreHarness[] = [];
    const stores: Store[] = [];
    async function fresh(options?: StoreOptions): Promise<{ store: Store; harness: StoreHarness }> {
      const harness = await factory(options);
      harnesses.push(harness);
      const store = await harness.open();
      stores.push(store);
      return { store, harness };
    }
    after(async () => {
      for (const s of stores) await s.close().catch(() => undefined);
      for (const h of harnesses) await h.dispose?.();
    });

    it('migrates idempotently: migrate twice, open the same location twice, data survives reopening', async () => {
      const { store, harness } = await fresh();
      await store.migrate();
      await store.migrate();
      await store.setCursor({ project: 'p', service: 's', readUpTo: at(10), updatedAt: at(11) });
      await store.close();
      const again = await harness.open();
      stores.push(again);
      await again.migrate();
      assert.deepEqual(await again.getCursor('p', 's'), { project: 'p', service: 's', readUpTo: at(10), updatedAt: at(11) });
    });

    it('claimFresh returns only ids never claimed before, per service, once per batch', async () => {
      const { store } = await fresh();
      const batch = entriesAt('a', 1, 50);
      assert.equal((await store.claimFresh('svc', batch)).size, 50);
      assert.equal((await store.claimFresh('svc', batch)).size, 0, 'second claim of the same ids returns none');
      const mixed = [...entriesAt('a', 1, 60)];
      assert.deepEqual([...(await store.claimFresh('svc', mixed))].sort(), Array.from({ length: 10 }, (_, i) => `a-${50 + i}`).sort());
      const dup = [
        { insertId: 'dup', timeMs: T0 },
        { insertId: 'dup', timeMs: T0 },
      ];
      assert.deepEqual([...(await store.claimFresh('svc', dup))], ['dup']);
      assert.equal((await store.claimFresh('other', batch)).size, 50, 'another service has its own seen set');
      assert.equal((await store.claimFresh('svc', [])).size, 0);
      await assert.rejects(store.claimFresh('svc', [{ insertId: '', timeMs: T0 }]), isStoreError);
    });

    it('claimFresh handles a large batch (20k ids) in one call', async () => {
      const { store } = await fresh();
      const big = Array.from({ length: 20_000 }, (_, i) => ({ insertId: `id-${i}`, timeMs: T0 + i }));
      assert.equal((await store.claimFresh('svc', big)).size, 20_000);
      assert.equal((await store.claimFresh('svc', big.slice(5_000, 6_000))).size, 0);
    });

    it('the same entries observed twice do not double counts (claimFresh then saveIncidents)', async () => {
      const { store } = await fresh();
      const entries = [...entriesAt('x', 2, 5), ...entriesAt('y', 3, 7)];
      await store.beginRun(run('r1', 'svc', 0, 10));
      assert.equal((await observe(store, 'svc', 'inc-1', entries)).size, 12);
      await store.finishRun('r1', { finishedAt: at(10, 6), status: 'ok', entries: 12, incidents: 1 });
      await store.beginRun(run('r2', 'svc', 0, 10));
      assert.equal((await observe(store, 'svc', 'inc-1', entries)).size, 0);
      await store.finishRun('r2', { finishedAt: at(10, 7), status: 'ok', entries: 12, incidents: 1 });
      const h = await store.loadHistory('svc');
      assert.equal(h.incidents['inc-1']?.totalCount, 12);
      assert.equal(h.incidents['inc-1']?.baselineMinutes, 10, 'the same window twice observes its 10 minutes once');
      assert.equal(h.incidents['inc-1']?.baselinePerMinute, 1.2);
    });

    it('loadHistory after two overlapping runs: totals, all-time first/last seen, revisions, baseline, services', async () => {
      const { store } = await fresh();
      await store.beginRun(run('r1', 'svc', 0, 10));
      await observe(store, 'svc', 'inc-a', [...entriesAt('a', 2, 4), ...entriesAt('b', 8, 2)], { revisions: ['svc-00001-abc'] });
      await store.saveRevisions([{ service: 'svc', name: 'svc-00001-abc', firstLogged: at(2) }]);
      await store.finishRun('r1', { finishedAt: at(10, 6), status: 'ok', entries: 6, incidents: 1 });

      // Second window overlaps the first by 5 minutes: the 2 entries at minute 8 are read again.
      await store.beginRun(run('r2', 'svc', 5, 20));
      await observe(store, 'svc', 'inc-a', [...entriesAt('b', 8, 2), ...entriesAt('c', 15, 3)], { revisions: ['svc-00002-def'], title: 'newer title' });
      await observe(store, 'svc', 'inc-b', entriesAt('d', 16, 10), { revisions: ['svc-00002-def'] });
      await store.saveRevisions([
        { service: 'svc', name: 'svc-00002-def', firstLogged: at(14) },
        { service: 'svc', name: 'svc-00001-abc', firstLogged: at(5) }, // later sighting keeps the earliest
      ]);
      await store.finishRun('r2', { finishedAt: at(20, 6), status: 'ok', entries: 15, incidents: 2 });

      // A failed run observes nothing for the baseline.
      await store.beginRun(run('r3', 'svc', 30, 90));
      await store.finishRun('r3', { finishedAt: at(90, 6), status: 'failed', entries: 0, incidents: 0 });

      // Claimed by a run that has not finished yet: not part of the history earlier runs built.
      await store.claimFresh('svc', entriesAt('late', 19, 1).map((e) => ({ ...e, timeMs: e.timeMs + 59_000 })));
      await store.claimFresh('svc', entriesAt('current', 95, 5));

      const h = await store.loadHistory('svc');
      const a = h.incidents['inc-a'];
      assert.ok(a);
      assert.equal(a.totalCount, 9);
      assert.equal(a.title, 'newer title');
      assert.equal(a.firstSeen, at(2));
      assert.equal(a.lastSeen, new Date(T0 + 15 * 60_000 + 200).toISOString());
      assert.deepEqual(a.revisions, ['svc-00001-abc', 'svc-00002-def']);
      assert.equal(a.state, 'open');
      assert.equal(a.baselineMinutes, 20, 'union of [0,10) and [5,20)');
      assert.equal(a.baselinePerMinute, 9 / 20);
      assert.equal(h.incidents['inc-b']?.totalCount, 10);
      assert.equal(h.incidents['inc-b']?.baselinePerMinute, 10 / 20);
      assert.equal(h.revisions['svc-00001-abc']?.firstLogged, at(2));
      assert.equal(h.revisions['svc-00002-def']?.firstLogged, at(14));
      const s = h.services['svc'];
      assert.ok(s);
      assert.equal(s.runs, 2, 'ok and partial runs count; failed ones do not');
      assert.equal(s.observedMinutes, 20);
      // 19 entries plus one that arrived late inside the observed window; the unfinished run's 5 do not count.
      assert.equal(s.perMinute, 20 / 20);
      assert.equal(s.lastSeen, new Date(T0 + 16 * 60_000 + 900).toISOString(), 'last seen moves when a run finishes');
      assert.deepEqual(await store.loadHistory('nobody'), { incidents: {}, revisions: {}, templates: {}, services: {} });
    });

    it('keeps first/last seen right for timestamps of mixed precision, verbatim', async () => {
      const { store } = await fresh();
      const base = { key: 'k', service: 'svc', title: 't', freshPerMinute: [], revisions: [], state: 'open' as const };
      await store.saveIncidents([{ ...base, firstSeen: '2025-09-07T10:00:00Z', lastSeen: '2025-09-07T10:00:00Z' }]);
      await store.saveIncidents([{ ...base, firstSeen: '2025-09-07T09:59:59.123456Z', lastSeen: '2025-09-07T10:00:00.5Z' }]);
      await store.saveIncidents([{ ...base, firstSeen: '2025-09-07T10:00:00.000001Z', lastSeen: '2025-09-07T10:00:00.25Z' }]);
      const inc = (await store.loadHistory('svc')).incidents['k'];
      assert.equal(inc?.firstSeen, '2025-09-07T09:59:59.123456Z');
      assert.equal(inc?.lastSeen, '2025-09-07T10:00:00.5Z');
      await assert.rejects(store.saveIncidents([{ ...base, key: 'bad', firstSeen: 'yesterday', lastSeen: 'today' }]), isStoreError);
      assert.equal((await store.loadHistory('svc')).incidents['bad'], undefined);
    });

    it('resolved state: set, read back, reopened by a later observation; unknown keys fail clearly', async () => {
      const { store } = await fresh();
      await observe(store, 'svc', 'inc', entriesAt('e', 1, 3));
      await store.setIncidentState('inc', 'resolved', at(100));
      let inc = (await store.loadHistory('svc')).incidents['inc'];
      assert.equal(inc?.state, 'resolved');
      assert.equal(inc?.resolvedAt, at(100));
      await observe(store, 'svc', 'inc', entriesAt('f', 200, 2), { state: 'open', resolvedAt: at(100) });
      inc = (await store.loadHistory('svc')).incidents['inc'];
      assert.equal(inc?.state, 'open');
      assert.equal(inc?.resolvedAt, at(100), 'an observation says when it was last resolved');
      assert.equal(inc?.totalCount, 5);
      await store.setIncidentState('inc', 'open', at(201));
      assert.equal((await store.loadHistory('svc')).incidents['inc']?.resolvedAt, undefined);
      await store.setIncidentState('inc', 'ignored', at(202));
      assert.equal((await store.loadHistory('svc')).incidents['inc']?.state, 'ignored');
      await assert.rejects(store.setIncidentState('missing', 'resolved', at(1)), isStoreError);
    });

    it('links issues: by observation (kept when absent) and by linkIssue', async () => {
      const { store } = await fresh();
      await observe(store, 'svc', 'inc', entriesAt('e', 1, 1), { issueNumber: 42 });
      await observe(store, 'svc', 'inc', entriesAt('f', 2, 1));
      assert.equal((await store.loadHistory('svc')).incidents['inc']?.issueNumber, 42);
      assert.ok(store.linkIssue);
      await store.linkIssue('inc', 43);
      assert.equal((await store.loadHistory('svc')).incidents['inc']?.issueNumber, 43);
      await store.linkIssue('inc', undefined);
      assert.equal((await store.loadHistory('svc')).incidents['inc']?.issueNumber, undefined);
      await assert.rejects(store.linkIssue('missing', 1), isStoreError);
    });

    it('templates: counts and minutes add up, the newest text and latest sighting win', async () => {
      const { store } = await fresh();
      await store.saveTemplates([{ id: 't1', service: 'svc', template: 'GET <*>', lastSeen: at(5), count: 30, minutes: 10 }]);
      await store.saveTemplates([{ id: 't1', service: 'svc', template: 'GET <*> <*>', lastSeen: at(4), count: 10, minutes: 10 }]);
      await store.saveTemplates([{ id: 't1', service: 'other', template: 'x', lastSeen: at(1), count: 1, minutes: 1 }]);
      const t = (await store.loadHistory('svc')).templates['t1'];
      assert.deepEqual(t, { id: 't1', service: 'svc', template: 'GET <*> <*>', lastSeen: at(5), perMinute: 2, observedMinutes: 20 });
    });

    it('cursors round-trip and are overwritten', async () => {
      const { store } = await fresh();
      assert.equal(await store.getCursor('p', 's'), undefined);
      await store.setCursor({ project: 'p', service: 's', readUpTo: at(10), updatedAt: at(11) });
      await store.setCursor({ project: 'p', service: 's2', readUpTo: at(1), updatedAt: at(2) });
      await store.setCursor({ project: 'p', service: 's', readUpTo: at(20), updatedAt: at(21) });
      assert.deepEqual(await store.getCursor('p', 's'), { project: 'p', service: 's', readUpTo: at(20), updatedAt: at(21) });
      assert.deepEqual(await store.getCursor('p', 's2'), { project: 'p', service: 's2', readUpTo: at(1), updatedAt: at(2) });
    });

    it('miner state round-trips as JSON per scope', async () => {
      const { store } = await fresh();
      assert.equal(await store.loadMinerState('svc|ERROR'), undefined);
      const state = { version: 1, clusters: [{ id: 'abc', tokens: ['GET', '<*>'], count: 3 }], note: 'ünïcode ✓' };
      await store.saveMinerState('svc|ERROR', state);
      assert.deepEqual(await store.loadMinerState('svc|ERROR'), state);
      await store.saveMinerState('svc|ERROR', { version: 2 });
      assert.deepEqual(await store.loadMinerState('svc|ERROR'), { version: 2 });
      assert.equal(await store.loadMinerState('svc|INFO'), undefined);
      await assert.rejects(store.saveMinerState('bad', undefined), isStoreError);
    });

    it('run bookkeeping: begun, finished with an outcome, listed oldest first; misuse fails clearly', async () => {
      const { store } = await fresh();
      assert.ok(store.listRuns);
      await store.beginRun(run('r2', 'svc', 10, 20));
      await store.beginRun(run('r1', 'svc', 0, 10));
      await store.beginRun(run('x', 'other', 0, 10));
      await store.finishRun('r1', { finishedAt: at(10, 9), status: 'partial', entries: 7, incidents: 2 });
      const runs = await store.listRuns('svc');
      assert.deepEqual(runs, [
        { ...run('r1', 'svc', 0, 10), outcome: { finishedAt: at(10, 9), status: 'partial', entries: 7, incidents: 2 } },
        run('r2', 'svc', 10, 20),
      ]);
      // The same id for the same service and window is the same run begun again (retry, fixed clock): re-opened.
      await store.beginRun({ ...run('r1', 'svc', 0, 10), source: 'retry' });
      assert.deepEqual((await store.listRuns('svc'))[0], { ...run('r1', 'svc', 0, 10), source: 'retry' });
      await store.finishRun('r1', { finishedAt: at(10, 9), status: 'ok', entries: 7, incidents: 2 });
      assert.equal((await store.listRuns('svc')).length, 2);
      await assert.rejects(store.beginRun(run('r1', 'svc', 0, 11)), isStoreError, 'one id for another window is a collision');
      await assert.rejects(store.finishRun('nope', { finishedAt: at(1), status: 'ok', entries: 0, incidents: 0 }), isStoreError);
    });

    it('retention: old seen ids and per-minute counts are pruned, and old entries are never counted again', async () => {
      const { store } = await fresh({ seenRetentionDays: 1, baselineDays: 1 });
      const day = 24 * 60;
      await store.beginRun(run('r1', 'svc', 0, 10));
      await observe(store, 'svc', 'inc', entriesAt('old', 1, 4));
      await store.finishRun('r1', { finishedAt: at(10, 6), status: 'ok', entries: 4, incidents: 1 });
      await store.beginRun(run('r2', 'svc', 3 * day, 3 * day + 10));
      await observe(store, 'svc', 'inc', entriesAt('new', 3 * day + 1, 2));
      await store.finishRun('r2', { finishedAt: at(3 * day + 10, 6), status: 'ok', entries: 2, incidents: 1 });
      assert.equal((await store.claimFresh('svc', entriesAt('old', 1, 4))).size, 0, 'beyond the horizon: not fresh');
      assert.equal((await store.claimFresh('svc', entriesAt('older', 0, 3))).size, 0, 'unseen but too old: not counted');
      const inc = (await store.loadHistory('svc')).incidents['inc'];
      assert.equal(inc?.totalCount, 6, 'all-time total keeps everything');
      assert.equal(inc?.baselineMinutes, 10, 'only the window inside the 1-day baseline');
      assert.equal(inc?.baselinePerMinute, 0.2);
    });
  });
}

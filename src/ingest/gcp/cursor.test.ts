import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Clock } from '../../core/clock.js';
import type { Cursor } from '../../store/store.js';
import { buildLoggingFilter } from './filter.js';
import { readCloudLogging } from './rest-reader.js';
import { cursorAfterRead, resolveWindow } from './window.js';
import { makeEntries, startFakeLoggingServer } from '../../../test/fakes/logging-server.js';
import type { FakeLoggingServer } from '../../../test/fakes/logging-server.js';

// `--since last` twice with overlapping windows: the overlap re-reads a few minutes, the seen-set
// (the Store's claimFresh, here a tiny in-memory stand-in) drops what was counted before, and an
// entry that arrived late (receiveTimestamp after run 1, timestamp inside the overlap) is caught.

class MemoryCursorStore {
  private cursors = new Map<string, Cursor>();
  private seen = new Set<string>();
  async getCursor(project: string, service: string) {
    return this.cursors.get(`${project}/${service}`);
  }
  async setCursor(c: Cursor) {
    this.cursors.set(`${c.project}/${c.service}`, c);
  }
  async claimFresh(service: string, entries: { insertId: string }[]) {
    const fresh = new Set<string>();
    for (const e of entries) {
      const key = `${service}\u0000${e.insertId}`;
      if (!this.seen.has(key)) {
        this.seen.add(key);
        fresh.add(e.insertId);
      }
    }
    return fresh;
  }
}

async function runOnce(server: FakeLoggingServer, store: MemoryCursorStore, clock: Clock) {
  const cursor = await store.getCursor('demo-project', 'checkout');
  const window = resolveWindow({ since: 'last', lastFallback: '1h' }, clock, cursor);
  const filter = buildLoggingFilter({ project: 'demo-project', service: 'checkout', from: window.from, to: window.to });
  const read = readCloudLogging({ project: 'demo-project', filter, endpoint: server.url, tokens: { description: 't', getToken: async () => server.token }, clock, sleep: async () => {} });
  const entries: { insertId: string }[] = [];
  for await (const e of read.entries()) entries.push(e as { insertId: string });
  const fresh = await store.claimFresh('checkout', entries);
  await store.setCursor({ project: 'demo-project', service: 'checkout', readUpTo: cursorAfterRead(window, read.coverage()), updatedAt: clock.now().toISOString() });
  return { window, read: entries.map((e) => e.insertId), fresh };
}

test('--since last twice: overlap re-reads, nothing counted twice, late arrivals caught', async () => {
  // One error a minute from 13:00.
  const server = await startFakeLoggingServer({ entries: makeEntries(60, { start: '2025-09-07T13:00:00Z', stepMs: 60_000, idPrefix: 'a' }) });
  try {
    const store = new MemoryCursorStore();
    const first = await runOnce(server, store, { now: () => new Date('2025-09-07T14:00:00Z') });
    assert.equal(first.window.from, '2025-09-07T13:00:00.000Z');
    assert.equal(first.fresh.size, 60);

    // After run 1: an entry stamped 13:58:30 arrives late (received 14:03), then new ones from 14:00.
    const [late] = makeEntries(1, { start: '2025-09-07T13:58:30Z', idPrefix: 'late' });
    assert.ok(late);
    late.receiveTimestamp = '2025-09-07T14:03:00.000Z';
    server.addEntries([late, ...makeEntries(30, { start: '2025-09-07T14:00:00Z', stepMs: 60_000, idPrefix: 'b' })]);

    const second = await runOnce(server, store, { now: () => new Date('2025-09-07T14:30:00Z') });
    assert.equal(second.window.from, '2025-09-07T13:55:00.000Z', 'cursor 14:00 minus 5 minutes');
    assert.ok(second.read.includes('a000055'), 'the overlap is read again');
    assert.ok(second.read.includes('late000000'), 'the late arrival inside the overlap is read');
    assert.equal(second.fresh.has('a000055'), false, 'but not counted again');
    assert.equal(second.fresh.has('late000000'), true);
    assert.equal(second.fresh.size, 31);
    assert.equal(first.fresh.size + second.fresh.size, 91, 'every entry counted exactly once');
    assert.equal((await store.getCursor('demo-project', 'checkout'))?.readUpTo, '2025-09-07T14:30:00.000Z');
  } finally {
    await server.close();
  }
});

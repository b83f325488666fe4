import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteGithubState } from './sqlite-state.js';
import { MemoryGithubState } from './state.js';
import type { GithubState } from './state.js';

// Both GithubState implementations pass the same checks; the SQLite one also across two
// connections to one file (two processes).

async function contract(s: GithubState) {
  await s.setIssueNumber('a/b', 'k1', 3);
  await s.setIssueNumber('a/b', 'k1', 4);
  await s.setIssueNumber('a/c', 'k1', 9);
  assert.deepEqual(await s.issueNumbers('a/b'), { k1: 4 });
  await s.journalIntent({ repo: 'a/b', id: 'x:issue', runId: 'r1', incidentKey: 'k1', kind: 'create/issue', at: '2026-03-01T10:00:00.000Z' });
  assert.equal((await s.journalEntry('a/b', 'x:issue'))?.status, 'intent');
  await s.journalResult('a/b', 'x:issue', 'done', '2026-03-01T10:00:01.000Z', { issueNumber: 4 });
  const e = await s.journalEntry('a/b', 'x:issue');
  assert.deepEqual([e?.status, e?.result?.issueNumber, e?.finishedAt], ['done', 4, '2026-03-01T10:00:01.000Z']);
  assert.equal(await s.writesSince('a/b', '2026-03-01T09:30:00.000Z'), 1);
  assert.equal(await s.writesSince('a/b', '2026-03-01T10:30:00.000Z'), 0);
  assert.equal(await s.acquireLock('a/b', 'r1', '2026-03-01T10:00:00.000Z', 60_000), true);
  assert.equal(await s.acquireLock('a/b', 'r2', '2026-03-01T10:00:30.000Z', 60_000), false, 'held by r1');
  assert.equal(await s.acquireLock('a/c', 'r2', '2026-03-01T10:00:30.000Z', 60_000), true, 'locks are per repository');
  assert.equal(await s.acquireLock('a/b', 'r1', '2026-03-01T10:00:30.000Z', 60_000), true, 'renewal by the holder');
  assert.equal(await s.acquireLock('a/b', 'r2', '2026-03-01T10:02:00.000Z', 60_000), true, 'expired');
  await s.releaseLock('a/b', 'r1');
  assert.equal((await s.lockInfo('a/b'))?.holder, 'r2', 'only the holder releases');
  await s.releaseLock('a/b', 'r2');
  assert.equal(await s.lockInfo('a/b'), undefined);
}

test('memory state', () => contract(new MemoryGithubState()));

test('SQLite state, registered through the store migrations; two connections share the lock', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lg-gh-'));
  try {
    const file = join(dir, 'state.db');
    const db = new Database(file);
    await contract(new SqliteGithubState(db));
    const ids = (db.prepare('SELECT id FROM schema_migrations').all() as { id: string }[]).map((r) => r.id);
    assert.ok(ids.includes('github/001'));
    const db2 = new Database(file);
    const s1 = new SqliteGithubState(db);
    const s2 = new SqliteGithubState(db2); // migration already applied: a no-op
    assert.equal(await s1.acquireLock('o/r', 'p1', '2026-03-01T10:00:00.000Z', 60_000), true);
    assert.equal(await s2.acquireLock('o/r', 'p2', '2026-03-01T10:00:10.000Z', 60_000), false);
    assert.deepEqual(await s2.issueNumbers('a/b'), { k1: 4 });
    db.close();
    db2.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

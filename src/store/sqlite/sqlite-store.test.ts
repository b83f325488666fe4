import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { describeStoreContract } from '../contract.js';
import { appliedMigrations, applyMigrations } from './migrate.js';
import { openSqliteStore } from './sqlite-store.js';

describeStoreContract('sqlite', async (options) => {
  const dir = mkdtempSync(join(tmpdir(), 'lg-store-'));
  // A nested path: openSqliteStore creates the directories.
  const path = join(dir, 'nested', 'state.db');
  return { open: () => openSqliteStore(path, options), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
});

describe('SQLite migrations', () => {
  it('applies lists from other modules once each, in order, and records them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lg-store-'));
    try {
      const path = join(dir, 'state.db');
      const github = [
        { id: 'github/001', sql: 'CREATE TABLE gh_journal (id TEXT PRIMARY KEY)' },
        { id: 'github/002', sql: 'ALTER TABLE gh_journal ADD COLUMN note TEXT' },
      ];
      const store = await openSqliteStore(path, { migrations: github });
      assert.deepEqual(appliedMigrations(store.db), ['core/001', 'github/001', 'github/002']);
      assert.deepEqual(applyMigrations(store.db, github), [], 'nothing applied twice');
      store.db.prepare('INSERT INTO gh_journal (id, note) VALUES (?, ?)').run('a', 'b');
      await store.close();
      const again = await openSqliteStore(path, { migrations: [...github, { id: 'github/003', sql: 'CREATE INDEX gh_note ON gh_journal (note)' }] });
      assert.deepEqual(appliedMigrations(again.db), ['core/001', 'github/001', 'github/002', 'github/003']);
      assert.equal(again.db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(again.db.pragma('foreign_keys', { simple: true }), 1);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rolls a failing migration back entirely and names it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lg-store-'));
    try {
      const store = await openSqliteStore(join(dir, 'state.db'));
      assert.throws(
        () => applyMigrations(store.db, [{ id: 'x/001', sql: 'CREATE TABLE half (a TEXT); CREATE TABLE broken (' }]),
        (e: unknown) => e instanceof Error && e.message.includes('x/001'),
      );
      assert.equal(store.db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'half'`).get(), undefined);
      assert.deepEqual(appliedMigrations(store.db), ['core/001']);
      assert.throws(() => applyMigrations(store.db, [{ id: 'd', sql: '' }, { id: 'd', sql: '' }]), /listed twice/);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

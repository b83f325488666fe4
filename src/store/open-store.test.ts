import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { GardenerError } from '../core/errors.js';
import { MemoryStore } from './memory/memory-store.js';
import { openStore } from './open-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';

it('openStore picks the backend from the location', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lg-open-'));
  try {
    const plain = await openStore(join(dir, 'a', 'state.db'));
    assert.ok(plain instanceof SqliteStore);
    await plain.close();
    assert.ok(existsSync(join(dir, 'a', 'state.db')));
    const prefixed = await openStore(`sqlite:${join(dir, 'b.db')}`, { migrations: { sqlite: [{ id: 'x/001', sql: 'CREATE TABLE x (a TEXT)' }] } });
    assert.ok(prefixed instanceof SqliteStore);
    assert.ok(prefixed.db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'x'`).get());
    await prefixed.close();
    assert.ok((await openStore(':memory:')) instanceof MemoryStore);
    await assert.rejects(openStore('mysql://u@h/db'), (e: unknown) => e instanceof GardenerError && e.kind === 'store' && !e.message.includes('u@'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

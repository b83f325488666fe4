import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'node:test';
import { appliedMigrations } from './migrate.js';
import { openSqliteStore } from './sqlite-store.js';

const worker = fileURLToPath(new URL('./testdata/claim-worker.ts', import.meta.url));

function runWorker(path: string, from: number, to: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, path, String(from), String(to)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(`worker exited ${code}: ${err}`))));
  });
}

it('two processes sharing one SQLite file: migrated once, each id claimed by exactly one of them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lg-sqlite-conc-'));
  try {
    const path = join(dir, 'state.db');
    const [a, b] = await Promise.all([runWorker(path, 0, 6000), runWorker(path, 3000, 9000)]);
    assert.equal(a.length + b.length, 9000, 'the 3000 ids both read are fresh for one process only');
    assert.equal(new Set([...a, ...b]).size, 9000);
    const store = await openSqliteStore(path);
    assert.deepEqual(appliedMigrations(store.db), ['core/001']);
    assert.equal((await store.claimFresh('svc', [{ insertId: 'id-42', timeMs: 1_757_239_200_042 }])).size, 0);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LogRecord } from '../core/record.js';
import { openFileSource } from './file-source.js';

// The bundled demo (samples/cloud-run-demo.json) is what `npm start` and the README show: it must
// match its generator byte for byte and tell the story it claims.

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const sample = join(root, 'samples/cloud-run-demo.json');

test('the committed sample is exactly what scripts/make-demo.ts writes', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'lg-demo-')), 'demo.json');
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/make-demo.ts'), out], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(readFileSync(out, 'utf8'), readFileSync(sample, 'utf8'));
});

test('the demo tells its story: a folded crash loop, 503s on the crashing instances, a warning per start-up', async () => {
  const source = openFileSource([sample]);
  const records: LogRecord[] = [];
  for await (const r of source.records()) records.push(r);
  const [cov] = source.coverage();
  assert.equal(cov?.problemCount, 0);
  assert.equal(records.length + (cov?.folded ?? 0), cov?.entries);

  const crashes = records.filter((r) => r.exception !== undefined);
  assert.ok(crashes.length >= 10, `${crashes.length} crash records`);
  for (const c of crashes) {
    assert.equal(c.exception?.type, 'ModuleNotFoundError');
    assert.equal(c.exception?.message, "No module named 'app.services.monitoring'");
    assert.equal(c.foldedInsertIds?.length, 4, 'five stderr entries per traceback');
    assert.equal(c.revision, 'demo-api-00042-wuz');
  }
  const crashInstances = new Set(crashes.map((c) => c.instanceId));
  const exits = records.filter((r) => r.logKind === 'varlog' && r.message === 'Container called exit(3).');
  assert.equal(exits.length, crashes.length);
  assert.ok(exits.every((r) => crashInstances.has(r.instanceId)));

  const s503 = records.filter((r) => r.http?.status === 503);
  assert.ok(s503.length > 0);
  assert.ok(s503.every((r) => crashInstances.has(r.instanceId) && r.severity === 'ERROR' && r.message.endsWith(' 503')));
  assert.ok(records.some((r) => r.http?.status === 200 && r.revision === 'demo-api-00041-kop'));

  const starts = records.filter((r) => r.message.startsWith('Starting new instance'));
  const warnings = records.filter((r) => r.severity === 'WARNING' && r.message.startsWith('DATABASE_POOL_SIZE is not set'));
  assert.equal(warnings.length, starts.length);

  const times = records.map((r) => r.timeMs);
  const span = Math.max(...times) - Math.min(...times);
  assert.ok(span > 25 * 60_000 && span <= 30 * 60_000, `span ${span} ms`);
  assert.ok(records.every((r) => r.timestamp.endsWith('Z')));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openMemoryStore } from '../../src/store/memory/memory-store.js';
import { repoRoot, runOn, tempDir } from '../helpers/run.js';

// Issue 4, must-show 3 (first half): the same file run twice against one store reports the same
// incidents as ongoing, nothing new, and all-time counts are not doubled.

const demo = join(repoRoot, 'samples/cloud-run-demo.json');

test('the same input twice against one store: same incidents, nothing new, counts not doubled', async () => {
  const store = await openMemoryStore();
  const first = await runOn([demo], { out: tempDir(), store, now: '2025-09-14T09:31:00Z' });
  const second = await runOn([demo], { out: tempDir(), store, now: '2025-09-14T10:31:00Z' });
  const r1 = first.report;
  const r2 = second.report;
  assert.ok(r1.incidents.length > 0);
  assert.ok(r1.summary.newIncidents > 0, 'the first run finds new incidents');
  assert.deepEqual(r2.incidents.map((i) => i.key).sort(), r1.incidents.map((i) => i.key).sort());
  assert.equal(r2.summary.newIncidents, 0, 'nothing is new the second time');
  assert.equal(r2.coverage.duplicates, r2.summary.recordsAnalysed, 'every entry is recognised as already counted');
  for (const inc of r2.incidents) {
    assert.notEqual(inc.classification, 'new', `${inc.title} should not be new`);
    const before = r1.incidents.find((i) => i.key === inc.key)!;
    assert.equal(inc.count, before.count, 'window counts are the same');
    assert.equal(inc.allTimeFirstSeen, before.allTimeFirstSeen);
  }
  const history = await store.loadHistory('demo-api');
  for (const inc of r1.incidents) {
    const mem = history.incidents[inc.key];
    if (mem === undefined || inc.fingerprint.kind === 'silence') continue;
    assert.equal(mem.totalCount, inc.count, `all-time count of ${inc.title} is not doubled`);
  }
});

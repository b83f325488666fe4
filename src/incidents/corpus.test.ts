import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { scoreLabelled } from '../../scripts/eval-incidents.js';
import { pairwiseF1 } from './pairwise-f1.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

test('pairwise F1 on a hand-checkable example', () => {
  // truth {a,a,a,b,b}; predicted {x,x,y,z,z}: pairs predicted together 2, truly together 4, both 2.
  const s = pairwiseF1(['x', 'x', 'y', 'z', 'z'], ['a', 'a', 'a', 'b', 'b']);
  assert.equal(s.precision, 1);
  assert.equal(s.recall, 0.5);
  assert.ok(Math.abs(s.f1 - 2 / 3) < 1e-12);
});

test('grouping on the labelled corpus: pairwise F1 >= 0.95, every real incident in one piece', async () => {
  const s = await scoreLabelled(here('./testdata/incident-corpus.json'), here('./testdata/incident-corpus.labels.json'));
  assert.ok(s.entries >= 500, `corpus has ${s.entries} entries`);
  assert.ok(s.f1 >= 0.95, `pairwise F1 ${s.f1.toFixed(4)} (precision ${s.precision.toFixed(4)}, recall ${s.recall.toFixed(4)})`);
  for (const label of ['crash-loop', 'payment-503', 'db-pool', 'config-warning', 'java-oom', 'redis-refused']) {
    const spread = s.spread.find((x) => x.label === label);
    assert.equal(spread?.incidents, 1, `${label} split over ${spread?.incidents} incidents`);
  }
});

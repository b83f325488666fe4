import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { stableHash } from '../core/hash.js';
import { createMiner } from './index.js';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const corpus = ['sshd.log', 'service.log', 'hadoop.log']
  .flatMap((f) => readFileSync(join(testdata, f), 'utf8').split('\n').filter((l) => l.length > 0));

test('ids are content hashes: the same input gives the same ids in any miner', () => {
  const a = createMiner();
  const b = createMiner();
  const idA = a.add('Connection closed by 10.0.0.1 port 22 [preauth]');
  assert.equal(b.add('Connection closed by 10.9.9.9 port 4242 [preauth]'), idA);
  assert.equal(idA, stableHash(['', 'Connection closed by <ip> port <num> [preauth]']));
  assert.equal(a.template(idA)?.template, 'Connection closed by <*> port <*> [preauth]');
});

test('partitions keep templates apart', () => {
  const m = createMiner();
  assert.notEqual(m.add('disk full on /dev/sda1', 'svc-a|ERROR'), m.add('disk full on /dev/sda1', 'svc-b|ERROR'));
  assert.equal(m.stats().templates, 2);
});

test('constants widen only with enough distinct values, and the first id survives widening', () => {
  const m = createMiner({ siblingValues: 4 });
  const first = m.add('connect to db alpha now');
  const second = m.add('connect to db beta now');
  assert.notEqual(first, second, 'two values are two events so far');
  m.add('connect to db gamma now');
  const fourth = m.add('connect to db delta now');
  assert.equal(fourth, first);
  assert.equal(m.template(second)?.id, first, 'the merged id resolves to the survivor');
  assert.equal(m.template(first)?.template, 'connect to db <*> now');
  assert.equal(m.add('connect to db epsilon now'), first);
  assert.ok(m.stats().merged >= 2);
});

test('variables at the same position widen at once; distinct events stay apart', () => {
  const m = createMiner();
  const a = m.add('Failed password for root from 1.2.3.4 port 22 ssh2');
  assert.equal(m.add('Failed password for root from 5.6.7.8 port 2222 ssh2'), a);
  assert.notEqual(m.add('Accepted password for root from 1.2.3.4 port 22 ssh2'), a);
});

test('a template with a <*> absorbs lines whose variable spans several tokens', () => {
  const m = createMiner();
  const id = m.add('user bob logged out after 5 minutes');
  m.add('user carol logged out after 7 minutes');
  m.add('user dave logged out after 9 minutes');
  assert.equal(m.add('user erin logged out after 11 minutes'), id);
  assert.equal(m.add('user mary ann logged out after 3 minutes'), id);
  assert.equal(m.template(id)?.template, 'user <*> logged out after <*> minutes');
});

test('LRU eviction and the circuit breaker are bounded and counted', () => {
  const m = createMiner({ maxClusters: 2, breakerMaxEvictions: 1, breakerWindow: 1000 });
  const first = m.add('alpha one');
  m.add('bravo two');
  m.add('alpha one'); // alpha is now more recent than bravo
  m.add('charlie three'); // evicts bravo
  assert.equal(m.stats().evicted, 1);
  assert.equal(m.template(first)?.template, 'alpha one');
  m.add('delta four'); // second eviction within the window opens the breaker
  assert.equal(m.stats().evicted, 2);
  const overflow = m.add('echo five');
  assert.equal(m.stats().overflow, 1);
  assert.match(m.template(overflow)?.template ?? '', /overflow/);
  assert.equal(m.stats().templates, 2);
  assert.equal(m.stats().evictedLines, 3, 'bravo held 1 line, alpha 2');
});

test('long lines are truncated and lines with too many tokens skipped, both counted', () => {
  const m = createMiner({ maxLineLength: 12, maxTokens: 3 });
  m.add('abcdefghijklmnopqrstuvwxyz');
  assert.equal(m.stats().truncated, 1);
  const skipped = m.add('a b c d');
  assert.equal(m.stats().skipped, 1);
  assert.match(m.template(skipped)?.template ?? '', /skipped/);
  assert.equal(m.stats().lines, 2);
});

test('mining in two runs with a JSON snapshot between them gives the ids of one run', () => {
  const whole = createMiner();
  const wholeIds = corpus.map((l) => whole.add(l));

  const half = Math.floor(corpus.length / 2);
  const first = createMiner();
  const firstIds = corpus.slice(0, half).map((l) => first.add(l));
  const saved = JSON.parse(JSON.stringify(first.snapshot())) as unknown;
  const second = createMiner(undefined, saved);
  const secondIds = corpus.slice(half).map((l) => second.add(l));

  assert.deepEqual(secondIds, wholeIds.slice(half), 'ids handed out in the second run');
  assert.deepEqual(firstIds.map((id) => second.template(id)?.id), wholeIds.slice(0, half).map((id) => whole.template(id)?.id));
  assert.deepEqual(second.templates(), whole.templates());
  assert.deepEqual(second.stats(), whole.stats());
});

test('a snapshot that is not one is refused with a reason', () => {
  assert.throws(() => createMiner(undefined, { format: 'something-else' }), /not a miner snapshot/);
  assert.throws(() => createMiner(undefined, null), /not a miner snapshot/);
});

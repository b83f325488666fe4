import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WILDCARD, canonicalToken, marker } from './markers.js';
import { Comparisons, generalizeToken, isVarLike, lastConflictAt, lastConflicts, lastNeedsWiden, similarity, subsumes, widen } from './similarity.js';

const NUM = marker('num');
const show = (t: string): string => canonicalToken(t);

test('similarity counts equal tokens and variable pairs, not <*> positions', () => {
  assert.equal(similarity(['a', 'b', NUM, 'd'], ['a', 'b', marker('hex'), 'd']), 1);
  assert.equal(similarity(['a', WILDCARD, 'c', 'd'], ['a', 'x', 'c', 'd']), 0.75);
  assert.equal(similarity([], []), 1);
});

test('two different constants are a conflict; a variable against a constant is not', () => {
  similarity(['Failed', 'password', 'for', NUM], ['Accepted', 'password', 'for', NUM]);
  assert.equal(lastConflicts, 1);
  similarity(['user', NUM], ['user', 'bob']);
  assert.equal(lastConflicts, 0);
  similarity(['tag=a,'], ['tag=b,']); // same key: a value
  assert.equal(lastConflicts, 0);
  assert.equal(isVarLike('(' + NUM + '),'), true);
  assert.equal(isVarLike('uid=' + NUM), false);
});

test('widening keeps common ends up to punctuation', () => {
  assert.equal(show(generalizeToken('user=root', 'user=admin')), 'user=<*>');
  assert.equal(show(generalizeToken("'a',", "'bc',")), "'<*>',");
  assert.equal(show(generalizeToken('alpha', 'beta')), '<*>');
  const t = ['connect', 'to', 'db1'];
  assert.equal(widen(t, ['connect', 'to', 'db2']), true);
  assert.equal(t.map(show).join(' '), 'connect to <*>');
  assert.equal(widen(t, ['connect', 'to', 'db3']), false);
});

test('a wider template subsumes a narrower one of the same length', () => {
  assert.equal(subsumes(['a', WILDCARD, 'c'], ['a', 'b', 'c']), true);
  assert.equal(subsumes(['a', 'b', 'c'], ['a', WILDCARD, 'c']), false);
  assert.equal(subsumes(['k=' + WILDCARD], ['k=v']), true);
});

test('Comparisons keep, per template, what similarity(…, 1) left: share, conflicts, first conflict, widening', () => {
  const templates = [
    ['Accepted', 'password', 'for', 'root'],
    ['Failed', 'password', 'for', 'root'],
    ['Failed', 'key', 'for', 'admin'],
    ['Accepted', WILDCARD, 'for', NUM],
    ['user=bob', 'password', 'for', 'root'],
  ].map((tokens) => ({ tokens }));
  const line = ['Accepted', 'password', 'for', NUM];
  const c = new Comparisons().fill(templates, line);
  templates.forEach((t, i) => {
    const sim = similarity(t.tokens, line, 1);
    assert.equal(c.sim[i], sim, `share, template ${i}`);
    assert.equal(c.conflicts[i], lastConflicts, `conflicts, template ${i}`);
    assert.equal(c.conflictAt[i], lastConflictAt, `first conflict, template ${i}`);
    assert.equal(c.needsWiden[i], lastNeedsWiden ? 1 : 0, `widening, template ${i}`);
  });
  // One conflict ("Failed" / "Accepted") and two (the comparison stopped there) are told apart.
  assert.deepEqual([...c.conflicts.subarray(0, 5)], [0, 1, 2, 0, 1]);
  // More templates than its arrays hold: they grow.
  const many = Array.from({ length: 200 }, (_, i) => ({ tokens: ['a', String(i)] }));
  const d = new Comparisons().fill(many, ['a', '7']);
  assert.equal(d.sim[7], 1);
  assert.equal(d.conflicts[199], 1);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WILDCARD, canonicalToken, marker } from './markers.js';
import { generalizeToken, isVarLike, lastConflicts, similarity, subsumes, widen } from './similarity.js';

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

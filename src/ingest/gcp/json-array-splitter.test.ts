import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonArraySplitter } from './json-array-splitter.js';

function splitAll(chunks: string[]): unknown[] {
  const s = new JsonArraySplitter();
  const out = chunks.flatMap((c) => s.push(c)).map((t) => JSON.parse(t) as unknown);
  s.end();
  return out;
}

const tricky = [
  { a: 'comma, bracket ] brace } quote " backslash \\', b: [1, [2, { c: '[' }]] },
  { textPayload: 'line1\nline2 \\" still string ]' },
  42,
  'plain',
  null,
];

test('splits a JSON array into its elements whatever the chunk boundaries', () => {
  const text = JSON.stringify(tricky, null, 2);
  assert.deepEqual(splitAll([text]), tricky);
  // Every possible split into two chunks, and one character at a time.
  for (let i = 0; i <= text.length; i++) assert.deepEqual(splitAll([text.slice(0, i), text.slice(i)]), tricky, `split at ${i}`);
  assert.deepEqual(splitAll([...text]), tricky);
});

test('an empty array (gcloud with no match) yields nothing', () => {
  assert.deepEqual(splitAll(['[]\n']), []);
  assert.deepEqual(splitAll(['  [', '\n', ']']), []);
});

test('a cut-off array or non-array output is an error', () => {
  const s = new JsonArraySplitter();
  assert.equal(s.push('[{"a":1},{"b":').length, 1);
  assert.throws(() => s.end(), /cut off/);
  assert.throws(() => new JsonArraySplitter().push('{"a":1}'), /expected a JSON array/);
  assert.throws(() => new JsonArraySplitter().end(), /empty/);
  assert.throws(() => new JsonArraySplitter().push('[1,,2]'), /empty element/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonArraySplitter } from './json-array-splitter.js';
import type { ArrayElement } from './json-array-splitter.js';

/** Feeds `text` in chunks of `size` characters (1 = every possible split point). */
function split(text: string, size: number): ArrayElement[] {
  const s = new JsonArraySplitter();
  const out: ArrayElement[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...s.push(text.slice(i, i + size)));
  out.push(...s.end());
  return out;
}

const TRICKY = [
  { textPayload: 'he said "stop" \\ then ] and } and [ {' },
  { jsonPayload: { message: 'unicode: h\u00e9llo \u{1F600} \u2028 end', nested: [[1, [2]], { a: '}' }] } },
  { textPayload: 'escaped backslash at end \\' },
  { textPayload: '"' },
];

test('tricky strings: escaped quotes, brackets inside strings, unicode, nested arrays, at every split point', () => {
  const text = JSON.stringify(TRICKY, null, 2);
  for (const size of [1, 2, 3, 7, 64, text.length]) {
    const out = split(text, size);
    assert.deepEqual(out.map((e) => JSON.parse(e.text ?? 'null')), TRICKY, `chunk size ${size}`);
    assert.deepEqual(out.map((e) => e.index), [1, 2, 3, 4]);
  }
});

test('line numbers of element starts in a pretty-printed array', () => {
  const text = '[\n  {\n    "a": 1\n  },\n  {\n    "b": "x\\ny"\n  }\n]\n';
  assert.deepEqual(split(text, 5).map((e) => [e.index, e.line]), [[1, 2], [2, 5]]);
});

test('empty array and compact array', () => {
  assert.deepEqual(split('[]', 1), []);
  assert.deepEqual(split('[{"a":1},{"b":2}]', 4).map((e) => e.text), ['{"a":1}', '{"b":2}']);
});

test('a malformed element is delimited so the next one survives; scalars are elements', () => {
  const out = split('[{"a": tru}, 42, {"b": 2}]', 3);
  assert.deepEqual(out.map((e) => e.text), ['{"a": tru}', '42', '{"b": 2}']);
  assert.throws(() => JSON.parse(out[0]?.text ?? ''));
});

test('a truncated file reports the unfinished element', () => {
  const out = split('[{"a": 1}, {"b": "unterminated', 4);
  assert.equal(out[0]?.text, '{"a": 1}');
  assert.equal(out[1]?.text, undefined);
  assert.match(out[1]?.problem ?? '', /ended inside/);
});

test('an element over the size limit is skipped and reported, later ones still read', () => {
  const s = new JsonArraySplitter(20);
  const out = [...s.push('[{"a": "0123456789012345678901234"}, {"b": 1}]'), ...s.end()];
  assert.match(out[0]?.problem ?? '', /longer than 20/);
  assert.equal(out[1]?.text, '{"b": 1}');
});

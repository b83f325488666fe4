// stableHash is the identity of templates and incidents across runs: its output must stay the
// first `length` hex digits of SHA-256 over the parts, each followed by a NUL.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { stableHash } from './hash.js';

test('stableHash is the first `length` hex digits of SHA-256 over the NUL-terminated parts, odd lengths too', () => {
  const parts = ['svc', 'connect to <*>', 'é'];
  const full = createHash('sha256').update(parts.map((p) => p + '\u0000').join('')).digest('hex');
  for (let length = 1; length <= 64; length++) assert.equal(stableHash(parts, length), full.slice(0, length), `length ${length}`);
  assert.equal(stableHash(parts), full.slice(0, 16));
  assert.equal(stableHash([]), createHash('sha256').digest('hex').slice(0, 16));
});

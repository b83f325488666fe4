// sha256 must be SHA-256: every digest equals node:crypto's, for every length around the 64-byte
// block and its 56-byte padding edge, Unicode text (UTF-8 bytes, a lone surrogate), NULs, and
// texts too long for the WebAssembly module's memory (node:crypto then hashes them).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { seededRandom } from './random.js';
import { sha256, sha256Hex } from './sha256.js';

const want = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

test('sha256 equals node:crypto for every length from 0 to 300, ASCII and Unicode', () => {
  const r = seededRandom(5);
  const chars = Array.from('abc XYZ 019 <*> \u0000 é ü 漢字 🙂 \r\n"');
  for (let len = 0; len <= 300; len++) {
    const ascii = Array.from({ length: len }, (_, i) => String.fromCharCode(32 + ((i * 7 + len) % 95))).join('');
    assert.equal(sha256(ascii).toString('hex'), want(ascii), `ASCII, length ${len}`);
    const mixed = Array.from({ length: len }, () => chars[Math.floor(r() * chars.length)]).join('');
    assert.equal(sha256(mixed).toString('hex'), want(mixed), `mixed, ${len} characters`);
    assert.equal(sha256Hex(mixed, 8), want(mixed).slice(0, 16), `sha256Hex, mixed, ${len} characters`);
  }
  assert.equal(sha256('a\ud800b').toString('hex'), want('a\ud800b'), 'a lone surrogate');
});

test('sha256 of the standard vectors, of texts at the module\'s limit, and of long texts', () => {
  assert.equal(sha256('').toString('hex'), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(sha256('abc').toString('hex'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  for (const len of [21_000, 21_500, 21_800, 100_000]) {
    for (const unit of ['x', '漢']) {
      const s = unit.repeat(len);
      assert.equal(sha256(s).toString('hex'), want(s), `${len} × ${unit}`);
      assert.equal(sha256Hex(s, 5), want(s).slice(0, 10), `sha256Hex, ${len} × ${unit}`);
    }
  }
});

test('sha256Hex gives the first bytes of the digest in hex, all 32 at most', () => {
  for (const bytes of [0, 1, 8, 31, 32, 40]) assert.equal(sha256Hex('abc', bytes), want('abc').slice(0, 2 * Math.min(bytes, 32)), `${bytes} bytes`);
});

// The fast lane's open-addressing tables: a key is found with its value whatever else the table
// holds (growth, equal hashes), a missing key is never found, and a full table says so (-1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BytesTable } from './byte-table.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
/** A 30-bit FNV-1a over bytes, like the lane's (any function works: keys are compared in full). */
function hash(b: Uint8Array, from = 0, len = b.length - from): number {
  let h = 0x011c9dc5;
  for (let k = from; k < from + len; k++) h = Math.imul(h ^ (b[k] as number), 16777619);
  return h & 0x3fffffff;
}
const digitsAsOne = (s: string): string => s.replace(/[0-9]/g, '1');

function findValue(t: BytesTable, key: Uint8Array, h = hash(key)): number | undefined {
  const r = t.find(key, 0, key.length, h);
  return r < 0 ? undefined : t.value(r);
}

test('BytesTable: a key added is found with its value, at any offset of any buffer; others are not', () => {
  const t = new BytesTable(100, 1 << 16);
  assert.equal(findValue(t, bytes('alpha')), undefined, 'empty table');
  const r = t.add(bytes('alpha'), 0, 5, hash(bytes('alpha')), 7);
  assert.ok(r >= 0);
  assert.equal(t.value(r), 7);
  t.add(bytes('xxbetayy'), 2, 4, hash(bytes('beta')), 8);
  assert.equal(t.size, 2);
  assert.equal(findValue(t, bytes('alpha')), 7);
  assert.equal(findValue(t, bytes('beta')), 8);
  const line = bytes('say beta then alpha');
  assert.equal(t.value(t.find(line, 4, 4, hash(line, 4, 4))), 8);
  assert.equal(t.value(t.find(line, 14, 5, hash(line, 14, 5))), 7);
  for (const missing of ['alph', 'alphaa', 'Alpha', 'bet', 'gamma', '']) assert.equal(findValue(t, bytes(missing)), undefined, missing);
});

test('BytesTable: a prefix, an extension and the empty key are distinct keys', () => {
  const t = new BytesTable(100, 1 << 16);
  const keys = ['', 'a', 'ab', 'abc', 'abcd'];
  keys.forEach((k, i) => assert.ok(t.add(bytes(k), 0, k.length, hash(bytes(k)), i) >= 0));
  keys.forEach((k, i) => assert.equal(findValue(t, bytes(k)), i, JSON.stringify(k)));
});

test('BytesTable: grows past its first size and its first arena; every key keeps its value', () => {
  const t = new BytesTable(100_000, 1 << 24);
  const n = 6000;
  const key = (i: number): Uint8Array => bytes(`key-${i}-${'x'.repeat(i % 40)}`); // > 64 KiB of keys in all
  for (let i = 0; i < n; i++) {
    const k = key(i);
    assert.equal(findValue(t, k), undefined);
    assert.ok(t.add(k, 0, k.length, hash(k), i * 3) >= 0);
  }
  assert.equal(t.size, n);
  for (let i = 0; i < n; i++) assert.equal(findValue(t, key(i)), i * 3, `key ${i}`);
  assert.equal(findValue(t, bytes(`key-${n}-`)), undefined);
});

test('BytesTable: different keys with one hash are all found, each with its own value', () => {
  const t = new BytesTable(100_000, 1 << 20);
  const n = 2000;
  for (let i = 0; i < n; i++) assert.ok(t.add(bytes(`k${i}`), 0, `k${i}`.length, 12345, i) >= 0);
  // Also keys of one length, differing only in their last byte.
  for (let i = 0; i < 50; i++) t.add(bytes(`same-${String.fromCharCode(65 + i)}`), 0, 6, 12345, 10_000 + i);
  for (let i = 0; i < n; i++) assert.equal(findValue(t, bytes(`k${i}`), 12345), i);
  for (let i = 0; i < 50; i++) assert.equal(findValue(t, bytes(`same-${String.fromCharCode(65 + i)}`), 12345), 10_000 + i);
  assert.equal(findValue(t, bytes(`k${n}`), 12345), undefined);
  assert.equal(findValue(t, bytes('k1'), 54321), undefined, 'another hash is another key');
});

test('BytesTable.findDigitsAsOne: finds a key stored with digits as 1 from the raw bytes', () => {
  const t = new BytesTable(100, 1 << 16);
  const stored = ['11.1.1.1:11', '11', 'a1b', 'ab'];
  stored.forEach((k, i) => t.add(bytes(k), 0, k.length, hash(bytes(k)), i));
  const probe = (raw: string): number | undefined => {
    const b = bytes(`  ${raw} `);
    const r = t.findDigitsAsOne(b, 2, raw.length, hash(bytes(digitsAsOne(raw))));
    return r < 0 ? undefined : t.value(r);
  };
  assert.equal(probe('10.0.0.7:80'), 0);
  assert.equal(probe('93'), 1);
  assert.equal(probe('a9b'), 2);
  assert.equal(probe('ab'), 3);
  assert.equal(probe('10.0.0.7:800'), undefined);
  assert.equal(probe('a9c'), undefined);
  assert.equal(probe('1.1.1.1'), undefined);
  // Equal hashes: still compared in full.
  const c = new BytesTable(100, 1 << 16);
  c.add(bytes('1x'), 0, 2, 5, 1);
  c.add(bytes('1y'), 0, 2, 5, 2);
  assert.equal(c.value(c.findDigitsAsOne(bytes('7y'), 0, 2, 5)), 2);
  assert.equal(c.value(c.findDigitsAsOne(bytes('0x'), 0, 2, 5)), 1);
  assert.equal(c.findDigitsAsOne(bytes('7z'), 0, 2, 5), -1);
});

test('BytesTable: full (entries or arena) answers -1 and keeps what it has; clear starts over', () => {
  const t = new BytesTable(3, 1 << 16);
  for (const k of ['a', 'b', 'c']) assert.ok(t.add(bytes(k), 0, 1, hash(bytes(k)), k.charCodeAt(0)) >= 0);
  assert.equal(t.add(bytes('d'), 0, 1, hash(bytes('d')), 1), -1);
  assert.equal(t.size, 3);
  assert.equal(findValue(t, bytes('d')), undefined);
  assert.equal(findValue(t, bytes('c')), 99);
  t.clear();
  assert.equal(t.size, 0);
  for (const k of ['a', 'b', 'c']) assert.equal(findValue(t, bytes(k)), undefined, `${k} after clear`);
  assert.ok(t.add(bytes('d'), 0, 1, hash(bytes('d')), 4) >= 0);
  assert.equal(findValue(t, bytes('d')), 4);

  const small = new BytesTable(100, 10);
  assert.ok(small.add(bytes('123456'), 0, 6, 1, 1) >= 0);
  assert.equal(small.add(bytes('abcde'), 0, 5, 2, 2), -1, 'the arena holds 10 bytes');
  assert.ok(small.add(bytes('abcd'), 0, 4, 2, 2) >= 0);
  assert.equal(small.value(small.find(bytes('123456'), 0, 6, 1)), 1);
  assert.equal(small.value(small.find(bytes('abcd'), 0, 4, 2)), 2);
});

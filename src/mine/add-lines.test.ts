// Miner.addLines (the `mine` command's pass 1: whole lines of a buffer in the miner's own memory,
// masked in batches in WebAssembly) must be add() of each line decoded and trim()med, as the string
// reader gives it: the same id for every line and the same state. Fixtures are generated here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeTemplates, renderLine } from '../../scripts/gen-mine-corpus.js';
import { seededRandom } from '../core/random.js';
import type { MinerConfig } from './config.js';
import type { FastLaneLimits } from './fast-lane.js';
import { Miner } from './miner.js';

/**
 * Mines `bytes` (lines joined by '\n') with addLines, `region` bytes at a time cut at line ends,
 * and line by line with add(); asserts equal ids and states.
 */
function sameAsAdd(bytes: Buffer, region: number, config?: Partial<MinerConfig>, limits?: FastLaneLimits): void {
  const a = new Miner(config);
  const b = new Miner(config, limits);
  const want: string[] = [];
  for (let s = 0; s <= bytes.length;) {
    let e = bytes.indexOf(10, s);
    if (e < 0) e = bytes.length;
    if (s < bytes.length || e > s) want.push(a.add(bytes.toString('utf8', s, e).trim()));
    s = e + 1;
  }
  const got: string[] = [];
  const sink = { push: (id: string) => void got.push(id) };
  const input = b.inputBuffer(region + 64 * 1024);
  assert.ok(input !== undefined);
  for (let s = 0; s < bytes.length;) {
    let e = Math.min(bytes.length, s + region);
    if (e < bytes.length) e = bytes.lastIndexOf(10, e - 1) + 1;
    if (e <= s) e = bytes.indexOf(10, s) < 0 ? bytes.length : bytes.indexOf(10, s) + 1;
    bytes.copy(input, 0, s, e);
    assert.ok(b.addLines(input, 0, e - s, sink));
    s = e;
  }
  assert.equal(got.length, want.length, 'one id per line');
  // The message is built only for a line that differs: splitting the text for every line made this file take 85 s.
  for (let i = 0; i < want.length; i++) if (got[i] !== want[i]) assert.equal(got[i], want[i], `line ${i + 1}: ${JSON.stringify(bytes.toString('utf8').split('\n')[i])}`);
  assert.equal(JSON.stringify(b.snapshot()), JSON.stringify(a.snapshot()), 'state at the end');
  assert.deepEqual(b.stats(), a.stats(), 'counters (lines, truncated, skipped, ...)');
}

function corpus(seed: number, lines: number, templates = 300): string[] {
  const specs = makeTemplates(templates, seed);
  const r = seededRandom(seed + 1);
  return Array.from({ length: lines }, () => renderLine(specs[Math.floor(r() * specs.length)]!, r));
}

test('benchmark corpus, several batches per region and regions of every size: the same ids and state as add()', () => {
  const bytes = Buffer.from(corpus(5, 10_000).join('\n') + '\n');
  for (const region of [bytes.length, 100_000, 4096]) sameAsAdd(bytes, region);
});

test('awkward lines among corpus lines: trimming, control characters, Unicode ends, invalid UTF-8, CRLF, empty, too long, too many tokens', () => {
  const r = seededRandom(12);
  const odd: (string | Buffer)[] = [
    '', ' ', '\t\t', '\r', '  padded 12 line  ', '\tlead tab 7', 'crlf line 9\r', '\x01ctrl 5\x01', '\x00', ' \x1f x=\x02 ',
    '\u00a0nbsp ends 4\u00a0', '\u2028sep 3', 'café 12 ouvert', 'naïve', 'flag is true for user 12', 'value null at 0x1f',
    'Jan 12 10:00:01 host started', 'x'.repeat(300), Array.from({ length: 60 }, (_, k) => `t${k}`).join(' '),
    Buffer.from([0x62, 0x61, 0x64, 0x20, 0xff, 0xfe, 0x20, 0x74, 0x61, 0x69, 0x6c]), Buffer.from([0xc3, 0x20, 0x61, 0x20, 0x31]),
    Buffer.from([0x61, 0x20, 0x31, 0x20, 0xe2, 0x82]),
  ];
  const base = corpus(6, 6000, 60);
  const parts = base.map((l) => (r() < 0.25 ? odd[Math.floor(r() * odd.length)]! : l));
  const bytes = Buffer.concat(parts.flatMap((p) => [Buffer.from(p), Buffer.from('\n')]));
  sameAsAdd(bytes, 8192, { maxLineLength: 200, maxTokens: 40 });
  sameAsAdd(bytes.subarray(0, bytes.length - 1), 50_000, { maxLineLength: 200, maxTokens: 40 }); // no final '\n'
});

test('tiny memo limits: the lane starts over inside batches, and later records of the batch are scanned again', () => {
  const bytes = Buffer.from(corpus(7, 8000, 200).join('\n'));
  sameAsAdd(bytes, 30_000, undefined, { maxShapes: 64, maxLines: 300, inputBytes: 1 << 20 });
});

test('addLines refuses a range outside the buffer it is given, and mines nothing', () => {
  const m = new Miner();
  const input = m.inputBuffer(16);
  assert.ok(input !== undefined);
  input.write('a 1\nb 2\n');
  const ids: string[] = [];
  const sink = { push: (id: string) => void ids.push(id) };
  for (const [s, e] of [[0, 17], [-1, 4], [5, 4]]) assert.throws(() => m.addLines(input, s!, e!, sink), RangeError, `[${s}, ${e})`);
  assert.equal(ids.length, 0);
  assert.ok(m.addLines(input, 0, 8, sink));
  assert.equal(ids.length, 2);
});

test('addLines refuses a buffer that is not the miner\'s own memory, and mines nothing', () => {
  const m = new Miner();
  const ids: string[] = [];
  assert.equal(m.addLines(Buffer.from('a 1\nb 2\n'), 0, 8, { push: (id) => void ids.push(id) }), false);
  assert.equal(ids.length, 0);
  assert.equal(m.stats().lines, 0);
});

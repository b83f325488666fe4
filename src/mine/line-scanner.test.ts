// Mining split across threads must be Miner.add: lines masked by LineScanners (one per worker,
// each taking regions in turn) and fed to Miner.addMasked in input order give the same id for
// every line and the same state (snapshot) as add() of the same lines. Fixtures are generated here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeTemplates, renderLine } from '../../scripts/gen-mine-corpus.js';
import { seededRandom } from '../core/random.js';
import type { FastLaneLimits } from './fast-lane.js';
import { AS_STRING, LineScanner, type MaskedLine, maskedLine } from './line-scanner.js';
import { type MinerConfig, createMiner } from './index.js';

/**
 * Mines `lines` with add() in one miner, and in another through `workers` scanners taking regions
 * of `region` lines in turn, as the `mine` command's threads do; asserts equal ids and states.
 * Returns how many times the scanners' names started over.
 */
function sameAsAdd(lines: readonly string[], workers: number, region: number, config?: Partial<MinerConfig>, limits?: FastLaneLimits): number {
  const a = createMiner(config);
  const b = createMiner(config);
  const scanners = Array.from({ length: workers }, () => new LineScanner(config, limits));
  const memos: MaskedLine[][] = scanners.map(() => []);
  lines.forEach((text, i) => {
    const w = Math.floor(i / region) % workers;
    const sc = scanners[w]!;
    const bytes = Buffer.from(text, 'utf8');
    const name = sc.scan(bytes, 0, bytes.length);
    let id: string;
    if (name === AS_STRING) id = b.add(text);
    else {
      if (sc.isNew()) memos[w]![name] = maskedLine(sc.tokens());
      assert.ok(memos[w]![name] !== undefined, `line ${i}: a name handed out before is known`);
      id = b.addMasked(memos[w]![name]!);
    }
    assert.equal(id, a.add(text), `line ${i} ${JSON.stringify(text)}`);
  });
  assert.equal(JSON.stringify(b.snapshot()), JSON.stringify(a.snapshot()), 'state at the end');
  return scanners.reduce((n, s) => n + s.resets, 0);
}

function corpus(seed: number, lines: number, templates = 300): string[] {
  const specs = makeTemplates(templates, seed);
  const r = seededRandom(seed + 1);
  return Array.from({ length: lines }, () => renderLine(specs[Math.floor(r() * specs.length)]!, r));
}

test('benchmark corpus over one, two and three scanners: the same ids and state as add()', () => {
  const lines = corpus(3, 12_000);
  for (const [workers, region] of [[1, 12_000], [2, 500], [3, 37]] as const) sameAsAdd(lines, workers, region);
});

test('lines the string path takes (true/false/null, month names, too long, too many tokens) keep their place', () => {
  const r = seededRandom(11);
  const odd = [
    'flag is true for user 12', 'flag is false for user 13', 'value null at 0x1f', 'Jan 12 10:00:01 host started',
    'x'.repeat(300), Array.from({ length: 60 }, (_, k) => `t${k}`).join(' '), 'café 12 ouvert', '', '   ',
  ];
  const base = corpus(4, 3000, 50);
  const lines = base.map((l) => (r() < 0.2 ? odd[Math.floor(r() * odd.length)]! : l));
  sameAsAdd(lines, 2, 100, { maxLineLength: 200, maxTokens: 40 });
});

test('names start over when a scanner\'s memos are full, and mining stays the same', () => {
  const resets = sameAsAdd(corpus(9, 6000, 200), 2, 250, undefined, { maxShapes: 64, maxLines: 300, inputBytes: 1 << 16 });
  assert.ok(resets > 0, 'the small limits made the memos start over');
});

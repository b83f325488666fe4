// Evaluation suite: Miner.addBytes against Miner.add on real and benchmark logs, line by line (the
// same id for every line) and in state (the same snapshot at the end). Loghub-2k from ../shared:
// both the content after each system's log format and the raw lines; and 200,000 lines of the
// benchmark corpus (scripts/gen-mine-corpus.ts), read back as bytes like a file reader would.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeCorpus } from '../../scripts/gen-mine-corpus.js';
import { compileLogFormat, createMiner } from '../../src/mine/index.js';

/** Mines every `\n`-separated line of `bytes` both ways; asserts equal ids and snapshots. */
function sameOnBytes(bytes: Buffer, label: string): number {
  const a = createMiner();
  const b = createMiner();
  let start = 0;
  let n = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    const text = bytes.toString('utf8', start, end);
    let idB: string;
    try {
      idB = b.addBytes(bytes, start, end);
    } catch (err) {
      assert.fail(`${label} line ${n}: addBytes threw on ${JSON.stringify(text)}: ${(err as Error).message}`);
    }
    assert.equal(idB, a.add(text), `${label} line ${n} ${JSON.stringify(text)}`);
    start = end + 1;
    n++;
  }
  assert.equal(JSON.stringify(b.snapshot()), JSON.stringify(a.snapshot()), `${label}: state`);
  return n;
}

const root = new URL('../../../shared/data/loghub-2k/', import.meta.url);
const formats = JSON.parse(readFileSync(new URL('formats.json', root), 'utf8')) as Record<string, { log_file: string; log_format: string }>;

test('every Loghub-2k system, content after the log format: addBytes gives the ids and state of add', () => {
  assert.ok(Object.keys(formats).length >= 12);
  for (const [name, f] of Object.entries(formats)) {
    const format = compileLogFormat(f.log_format);
    const contents = readFileSync(new URL(f.log_file, root), 'utf8').split('\n')
      .map((l) => format.content(l.trim())).filter((c): c is string => c !== undefined);
    assert.ok(contents.length > 1000, name);
    assert.equal(sameOnBytes(Buffer.from(contents.join('\n')), `${name} content`), contents.length, name);
  }
});

test('every Loghub-2k system, raw lines as read from the file: addBytes gives the ids and state of add', () => {
  for (const [name, f] of Object.entries(formats)) {
    const bytes = readFileSync(new URL(f.log_file, root));
    assert.ok(sameOnBytes(bytes, `${name} raw`) >= 2000, name);
  }
});

test('200,000 benchmark corpus lines read back as bytes: addBytes gives the ids and state of add', { timeout: 600_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mine-fast-lane-'));
  try {
    const path = join(dir, 'corpus.log');
    await writeCorpus(path, 200_000, 42);
    const bytes = readFileSync(path);
    assert.equal(sameOnBytes(bytes, 'corpus'), 200_000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { test } from 'node:test';
import { csvField, runMine } from './mine.js';

function sink(): { stream: Writable; text: () => string } {
  let s = '';
  const stream = new Writable({ write(chunk, _enc, cb) { s += String(chunk); cb(); } });
  return { stream, text: () => s };
}

test('mine writes the Loghub CSV with final templates and a one-line summary', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mine-cli-'));
  try {
    const input = join(dir, 'in.log');
    writeFileSync(input, [
      '2015-10-18 18:01:47,978 INFO [main] org.a.B: Failed password for root from 1.2.3.4 port 22 ssh2',
      'garbage line without the header',
      '2015-10-18 18:01:48,001 WARN [main] org.a.B: Failed password for root from 5.6.7.8 port 2222 ssh2',
      '2015-10-18 18:01:49,000 INFO [main] org.a.B: said "hi, there"',
    ].join('\n') + '\n');
    const out = join(dir, 'out.csv');
    const err = sink();
    const code = await runMine(['--input', input, '--log-format', '<Date> <Time> <Level> \\[<Process>\\] <Component>: <Content>', '--output', out], { stdout: sink().stream, stderr: err.stream });
    assert.equal(code, 0);
    const rows = readFileSync(out, 'utf8').trimEnd().split('\n');
    assert.equal(rows[0], 'LineId,Content,EventId,EventTemplate');
    assert.equal(rows.length, 4, 'the unmatched line is left out');
    assert.match(rows[1] ?? '', /^1,Failed password for root from 1\.2\.3\.4 port 22 ssh2,[0-9a-f]{16},Failed password for root from <\*> port <\*> ssh2$/);
    assert.equal(rows[1]?.split(',')[2], rows[2]?.split(',')[2], 'same event, same id');
    assert.match(rows[3] ?? '', /^3,"said ""hi, there""",/);
    assert.match(err.text(), /^mine: 3 lines, 2 templates, [\d.]+ s, \d+ lines\/s \(.*unmatched 1 from line 2/);
    assert.equal(err.text().trim().split('\n').length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('mine reads standard input and keeps ids across runs with --state', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mine-cli-'));
  try {
    const state = join(dir, 'state.json');
    const run = async (text: string): Promise<string> => {
      const stdin = new PassThrough();
      stdin.end(text);
      const out = sink();
      assert.equal(await runMine(['--input', '-', '--state', state], { stdout: out.stream, stderr: sink().stream, stdin }), 0);
      return out.text();
    };
    const a = await run('job 1 started\n');
    const b = await run('job 2 started\n');
    assert.equal(a.split('\n')[1]?.split(',')[2], b.split('\n')[1]?.split(',')[2]);
    assert.ok(JSON.parse(readFileSync(state, 'utf8')).format === 'log-gardener/miner');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors and unreadable input exit 2 with a one-line reason', async () => {
  const err = sink();
  assert.equal(await runMine(['--input', '/nonexistent/file.log'], { stdout: sink().stream, stderr: err.stream }), 2);
  assert.match(err.text(), /cannot read input '\/nonexistent\/file.log'/);
  assert.equal(await runMine([], { stdout: sink().stream, stderr: sink().stream }), 2);
  assert.equal(await runMine(['--input', 'x', '--log-format', '<Date>'], { stdout: sink().stream, stderr: sink().stream }), 2);
  assert.equal(await runMine(['--bogus'], { stdout: sink().stream, stderr: sink().stream }), 2);
});

test('CSV fields are quoted only when needed', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "x"'), '"say ""x"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
});

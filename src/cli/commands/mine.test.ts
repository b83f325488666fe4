import assert from 'node:assert/strict';
import { linkSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { test } from 'node:test';
import { makeTemplates, renderLine } from '../../../scripts/gen-mine-corpus.js';
import { seededRandom } from '../../core/random.js';
import { Miner, createMiner } from '../../mine/index.js';
import { csvField } from '../mine/csv-writer.js';
import { forEachLine } from '../mine/line-reader.js';
import { runMine, type MineTuning } from './mine.js';

function sink(): { stream: Writable; text: () => string; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({ write(chunk, _enc, cb) { chunks.push(Buffer.from(chunk as Buffer)); cb(); } });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8'), bytes: () => Buffer.concat(chunks) };
}

/** 3,000 lines of 20 generated templates (seeds `seed` and `seed + 1`) written to `path`; returns it. */
function writeCorpus(path: string, seed: number): string {
  const specs = makeTemplates(20, seed);
  const r = seededRandom(seed + 1);
  writeFileSync(path, Array.from({ length: 3000 }, () => renderLine(specs[Math.floor(r() * specs.length)]!, r)).join('\n') + '\n');
  return path;
}

/**
 * The CSV as the string implementation wrote it before the byte path: the file decoded by the
 * string reader, each line trim()med and added, every row written with csvField.
 */
async function referenceCsv(path: string): Promise<Buffer> {
  const miner = createMiner();
  const lines: string[] = [];
  const ids: string[] = [];
  await forEachLine(path, (raw) => {
    const line = raw.trim();
    lines.push(line);
    ids.push(miner.add(line));
  });
  let out = 'LineId,Content,EventId,EventTemplate\n';
  lines.forEach((line, i) => {
    const id = ids[i] as string;
    const t = miner.template(id);
    out += `${i + 1},${csvField(line)},${csvField(t?.id ?? id)},${csvField(t?.template ?? '')}\n`;
  });
  return Buffer.from(out, 'utf8');
}

/** Every case the byte path must get right, as raw bytes (some of them not valid UTF-8). */
function awkwardFixture(lastNewline: boolean): Buffer {
  const parts: (string | Buffer)[] = [
    'user 1 logged in from 10.0.0.1\n',
    'say "hi, there" to "everyone"\n',
    'a,b,c\n',
    'quote only " here\n',
    '""\n',
    'cr\rinside the line\n',
    'crlf line ending\r\n',
    'crlf, with a comma\r\n',
    '  \tleading and trailing white space \t \n',
    '\x0b\x0cvertical tab and form feed\x0c\x0b\n',
    '\n',
    '   \n',
    '\t\r\n',
    'user 2 logged in from 10.0.0.2\n',
    'café au lait, served\n',
    'é at the start\n',
    'ends with é\n',
    '\u00a0no-break spaces at both ends\u00a0\n',
    ' \u00a0 mixed white space \u00a0 \t\n',
    'emoji 🎉 in the middle\n',
    '🎉\n',
    '\ufeffbyte order mark\n',
    '\u2028line separator first\n',
    Buffer.from([0x62, 0x61, 0x64, 0xff, 0x62, 0x79, 0x74, 0x65, 0x0a]), // "bad\xffbyte"
    Buffer.from([0x63, 0x75, 0x74, 0x20, 0xe2, 0x82, 0x0a]), // "cut " + a truncated 3-byte sequence
    Buffer.from([0xc3, 0x0a]), // a lone lead byte
    'x'.repeat(40) + ' "long", line ' + 'y, '.repeat(30) + '\n',
    'user 3 logged in from 10.0.0.3\n',
    lastNewline ? 'last line\n' : 'last line without a newline \r',
  ];
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
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

test('the byte path writes exactly what the string implementation wrote, whatever the chunk sizes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mine-cli-'));
  try {
    for (const lastNewline of [false, true]) {
      const input = join(dir, `in-${lastNewline}.log`);
      writeFileSync(input, awkwardFixture(lastNewline));
      const expected = (await referenceCsv(input)).toString('latin1');
      assert.ok(expected.includes('"say ""hi, there"" to ""everyone"""'), 'the fixture exercises quoting');
      assert.ok(expected.includes(Buffer.from('bad\ufffdbyte').toString('latin1')), 'the fixture has an invalid byte, replaced');
      // 100- and 256-byte regions hold most lines whole, and many are valid UTF-8: rows built in WebAssembly.
      const tunings: MineTuning[] = [{}, { readChunk: 7 }, { readChunk: 7, writeChunk: 16 }, { readChunk: 13, writeChunk: 64 }, { readChunk: 64, writeChunk: 1 }, { readChunk: 100 }, { readChunk: 256, writeChunk: 100 }];
      for (const tuning of tunings) {
        const output = join(dir, 'out.csv');
        assert.equal(await runMine(['--input', input, '--output', output], { stdout: sink().stream, stderr: sink().stream }, tuning), 0);
        assert.equal(readFileSync(output).toString('latin1'), expected, `--output, ${JSON.stringify(tuning)}, last newline ${lastNewline}`);
        const out = sink();
        assert.equal(await runMine(['--input', input], { stdout: out.stream, stderr: sink().stream }, tuning), 0);
        assert.equal(out.bytes().toString('latin1'), expected, `stdout, ${JSON.stringify(tuning)}, last newline ${lastNewline}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('worker threads write exactly what one thread writes, to a file and to standard output', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mine-cli-'));
  try {
    const specs = makeTemplates(120, 21);
    const r = seededRandom(22);
    const awkward = awkwardFixture(true).toString('latin1').split('\n');
    // Corpus lines with the awkward ones strewn in (quotes, CR, white space, bad UTF-8, empty lines).
    const text = Array.from({ length: 4000 }, (_, i) => (i % 97 === 0 ? awkward[(i / 97) % awkward.length] : renderLine(specs[Math.floor(r() * specs.length)]!, r))).join('\n');
    const input = join(dir, 'in.log');
    writeFileSync(input, Buffer.from(text + '\nlast line without a newline', 'latin1'));
    const expected = await referenceCsv(input);
    // Workers mask in pass 1 only on large inputs (scanThreadsBytes); both ways are tested here.
    const tunings: [string, MineTuning][] = [
      ['2', { readChunk: 4096, scanThreadsBytes: 0 }],
      ['3', { readChunk: 777, writeChunk: 100, scanThreadsBytes: 0 }],
      ['1', { readChunk: 50_000, scanThreadsBytes: 0 }],
      ['2', { readChunk: 4096 }],
    ];
    for (const [threads, tuning] of tunings) {
      const output = join(dir, `out-${threads}.csv`);
      const err = sink();
      assert.equal(await runMine(['--input', input, '--output', output, '--threads', threads], { stdout: sink().stream, stderr: err.stream }, tuning), 0);
      assert.ok(readFileSync(output).equals(expected), `--threads ${threads} --output, ${JSON.stringify(tuning)}`);
      assert.match(err.text(), new RegExp(`mining [\\d.]+ s, ${threads} worker threads;`), 'the summary says threads were used');
      const out = sink();
      assert.equal(await runMine(['--input', input, '--threads', threads], { stdout: out.stream, stderr: sink().stream }, tuning), 0);
      assert.ok(out.bytes().equals(expected), `--threads ${threads} to standard output, ${JSON.stringify(tuning)}`);
    }
    const state = (threads: string): string => {
      const file = join(dir, `state-${threads}.json`);
      return file;
    };
    for (const threads of ['0', '2']) {
      assert.equal(await runMine(['--input', input, '--output', join(dir, 'o.csv'), '--state', state(threads), '--threads', threads], { stdout: sink().stream, stderr: sink().stream }, { readChunk: 4096, scanThreadsBytes: 0 }), 0);
    }
    assert.equal(readFileSync(state('2'), 'utf8'), readFileSync(state('0'), 'utf8'), 'the same miner state after the run');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--threads takes a whole number from 0 to 64', async () => {
  for (const bad of ['-1', '65', 'two', '1.5', '', 'auto']) {
    const err = sink();
    assert.equal(await runMine(['--input', 'x', '--threads', bad], { stdout: sink().stream, stderr: err.stream }), 2, bad);
    assert.match(err.text(), /--threads must be a whole number from 0 to 64/);
  }
});

test('ASCII-ended valid lines reach the miner as bytes, the others as trimmed strings', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mine-cli-'));
  const { add, addBytes } = Miner.prototype;
  const viaBytes: string[] = [];
  const viaString: string[] = [];
  try {
    const input = join(dir, 'in.log');
    writeFileSync(input, Buffer.concat([Buffer.from('  plain  \n\u00a0nbsp\u00a0\nmid é dle\n\t\nbad'), Buffer.from([0xff]), Buffer.from('x\n')]));
    Miner.prototype.addBytes = function (this: Miner, b: Uint8Array, s: number, e: number, partition?: string): string {
      viaBytes.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8', s, e));
      return add.call(this, Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8', s, e), partition);
    };
    Miner.prototype.add = function (this: Miner, message: string, partition?: string): string {
      viaString.push(message);
      return add.call(this, message, partition);
    };
    assert.equal(await runMine(['--input', input], { stdout: sink().stream, stderr: sink().stream }, { readChunk: 5 }), 0);
  } finally {
    Miner.prototype.add = add;
    Miner.prototype.addBytes = addBytes;
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(viaBytes, ['plain', 'mid é dle', '']);
  assert.deepEqual(viaString, ['nbsp', 'bad\ufffdx']);
});

test('an existing output is replaced; a symlink or hard-linked output is written through; the input is never the output', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mine-cli-'));
  try {
    const input = join(dir, 'in.log');
    writeFileSync(input, 'job 1 started\njob 2 started\n');
    const expected = (await referenceCsv(input)).toString('utf8');
    const run = async (output: string): Promise<{ code: number; err: string }> => {
      const err = sink();
      const code = await runMine(['--input', input, '--output', output], { stdout: sink().stream, stderr: err.stream });
      return { code, err: err.text() };
    };
    const plain = join(dir, 'plain.csv');
    writeFileSync(plain, 'old output, much longer than the new one\n'.repeat(1000));
    assert.equal((await run(plain)).code, 0);
    assert.equal(readFileSync(plain, 'utf8'), expected, 'a plain file is replaced');
    const target = join(dir, 'target.csv');
    const link = join(dir, 'link.csv');
    writeFileSync(target, 'old\n');
    symlinkSync(target, link);
    assert.equal((await run(link)).code, 0);
    assert.ok(lstatSync(link).isSymbolicLink(), 'the symlink stays');
    assert.equal(readFileSync(target, 'utf8'), expected, 'written through the symlink');
    const other = join(dir, 'other-name.csv');
    linkSync(target, other);
    assert.equal((await run(target)).code, 0);
    assert.equal(readFileSync(other, 'utf8'), expected, 'a hard link sees the same new content');
    for (const output of [input, join(dir, 'in-link.log')]) {
      if (output !== input) symlinkSync(input, output);
      const r = await run(output);
      assert.equal(r.code, 2);
      assert.match(r.err, /^error: mine: the output '.*' is the input/);
      assert.equal(readFileSync(input, 'utf8'), 'job 1 started\njob 2 started\n', 'the input is untouched');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an existing output is written over in place and cut to the new length, with and without worker threads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mine-cli-'));
  try {
    const input = writeCorpus(join(dir, 'in.log'), 5);
    const expected = await referenceCsv(input);
    const output = join(dir, 'out.csv');
    for (const extra of [[], ['--threads', '1']]) {
      // Longer than the new CSV, and with no line ends, so that any old byte left over would show.
      writeFileSync(output, 'x'.repeat(3 * expected.length));
      const inode = statSync(output).ino;
      const tuning: MineTuning = { readChunk: 4096, writeChunk: 8192 };
      assert.equal(await runMine(['--input', input, '--output', output, ...extra], { stdout: sink().stream, stderr: sink().stream }, tuning), 0);
      assert.ok(readFileSync(output).equals(expected), `the new CSV and nothing of the old one ${extra.join(' ')}`);
      assert.equal(statSync(output).ino, inode, 'the same file, written over');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an output that cannot be created exits 2 and names it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mine-cli-'));
  try {
    const input = join(dir, 'in.log');
    writeFileSync(input, 'one line\n');
    const err = sink();
    assert.equal(await runMine(['--input', input, '--output', join(dir, 'missing', 'out.csv')], { stdout: sink().stream, stderr: err.stream }), 2);
    assert.match(err.text(), /^error: mine: cannot write output '.*missing\/out\.csv': ENOENT\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a write that fails (a full disk) exits 2 and names the output, whether it failed in the background or not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mine-cli-'));
  try {
    const input = writeCorpus(join(dir, 'in.log'), 3);
    // /dev/full takes no byte: ENOSPC. Small chunks put many region writes on libuv's threads first.
    for (const tuning of [{}, { readChunk: 4096, writeChunk: 8192 }] as MineTuning[]) {
      const err = sink();
      assert.equal(await runMine(['--input', input, '--output', '/dev/full'], { stdout: sink().stream, stderr: err.stream }, tuning), 2);
      assert.equal(err.text(), "error: mine: cannot write '/dev/full': ENOSPC\n");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

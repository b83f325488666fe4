// `log-gardener mine`: template mining alone, in the Loghub structured CSV convention
// (LineId,Content,EventId,EventTemplate) so results compare directly with published log parsers.
//
// Streams: pass 1 reads the input chunk by chunk and mines each line, keeping only a small integer
// per line; pass 2 re-reads the input and writes each line with its cluster's FINAL template (a
// cluster widens as it sees more lines, and the Loghub convention labels every line with the final
// one). Standard input is spooled to a temporary file for the second pass.
//
// Both passes work on bytes, not JS strings (issue 3: a million lines a second, start-up and both
// passes included): lines are found with indexOf, trimmed of ASCII white space in place, mined
// through Miner.addBytes, and copied into the CSV unless they need quoting. Lines whose bytes
// cannot stand for their decoded, trim()med text (Unicode white space at an end, invalid UTF-8)
// and all lines under --log-format go through strings, so the CSV is byte for byte what the
// string implementation wrote (mine.test.ts checks this against forEachLine and csvField).
// Reading is in ../line-reader.ts, the CSV writer in ../csv-writer.ts.

import { isUtf8 } from 'node:buffer';
import { createWriteStream, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMiner, compileLogFormat, type LogFormat, type Miner } from '../../mine/index.js';
import { CsvWriter, LINE_ID_SCRATCH, LineIdDigits, MAX_DIGITS, csvField } from '../csv-writer.js';
import { READ_CHUNK, ReadBuffer, forEachRegion } from '../line-reader.js';

export interface MineIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream;
}

export const MINE_HELP = `Usage: log-gardener mine --input FILE [--log-format FORMAT] [--output FILE.csv] [--state FILE.json]

  --input FILE        log file to mine, one entry per line ('-' = standard input)
  --log-format FMT    Loghub header format, e.g. '<Date> <Time> <Level>: <Content>'; only <Content>
                      is mined; lines that do not match are counted and left out. Without it the
                      whole line is the content.
  --output FILE.csv   write LineId,Content,EventId,EventTemplate (default: standard output)
  --state FILE.json   continue from this miner snapshot if it exists, and save the state after the
                      run (template ids then stay stable across runs)

A one-line summary (lines, templates, seconds, lines/s) is printed on standard error.
`;

interface MineArgs {
  input: string;
  format: string | undefined;
  output: string | undefined;
  state: string | undefined;
}

class UsageError extends Error {}

function parseArgs(args: string[]): MineArgs | 'help' {
  const out: Partial<MineArgs> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-h' || a === '--help') return 'help';
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--input': out.input = value(); break;
      case '--log-format': out.format = value(); break;
      case '--output': out.output = value(); break;
      case '--state': out.state = value(); break;
      default: throw new UsageError(`unknown argument '${a}'`);
    }
  }
  if (out.input === undefined) throw new UsageError('--input FILE is required');
  return { input: out.input, format: out.format, output: out.output, state: out.state };
}

export async function runMine(args: string[], io: MineIo, tuning: MineTuning = {}): Promise<number> {
  let opts: MineArgs;
  let format: LogFormat | undefined;
  try {
    const parsed = parseArgs(args);
    if (parsed === 'help') {
      io.stdout.write(MINE_HELP);
      return 0;
    }
    opts = parsed;
    format = opts.format === undefined ? undefined : compileLogFormat(opts.format);
  } catch (err) {
    io.stderr.write(`error: mine: ${(err as Error).message}\n${err instanceof UsageError ? '\n' + MINE_HELP : ''}`);
    return 2;
  }
  let spool: string | undefined;
  try {
    let path = opts.input;
    if (path === '-') {
      spool = mkdtempSync(join(tmpdir(), 'lg-mine-'));
      path = join(spool, 'stdin.log');
      await spoolStdin(io.stdin ?? process.stdin, path);
    } else if (!existsSync(path)) {
      io.stderr.write(`error: mine: cannot read input '${path}': no such file\n`);
      return 2;
    }
    let miner: Miner;
    try {
      miner = opts.state !== undefined && existsSync(opts.state)
        ? createMiner(undefined, JSON.parse(readFileSync(opts.state, 'utf8')))
        : createMiner();
    } catch (err) {
      io.stderr.write(`error: mine: cannot use state '${opts.state}': ${(err as Error).message}\n`);
      return 2;
    }
    return await mineFile(path, opts, format, miner, io, tuning);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code !== undefined && e.syscall !== undefined) {
      io.stderr.write(`error: mine: cannot ${e.syscall === 'open' ? 'read' : e.syscall} '${e.path ?? opts.input}': ${e.code}\n`);
      return 2;
    }
    throw err;
  } finally {
    if (spool !== undefined) rmSync(spool, { recursive: true, force: true });
  }
}

/** Bytes of CSV buffered before each write. */
const WRITE_CHUNK = 4 << 20;

/** Internal knobs, for tests only (tiny sizes put lines across chunk and buffer boundaries). */
export interface MineTuning {
  readChunk?: number;
  writeChunk?: number;
}

async function mineFile(path: string, opts: MineArgs, format: LogFormat | undefined, miner: Miner, io: MineIo, tuning: MineTuning): Promise<number> {
  const t0 = performance.now();
  const readChunk = tuning.readChunk ?? READ_CHUNK;
  // Pass 1: mine; per line keep the index of its id (ids are few, lines are many).
  // Lines stay bytes: trimmed of ASCII white space, they go to the miner as a byte range. A line
  // that `bytePath` refuses (its ends are not ASCII, so it may begin or end with Unicode white
  // space that trim() removes, or it is not valid UTF-8, so decoding replaces bytes) is decoded,
  // trim()med and added as a string. Either way the miner sees the text the string reader gave it.
  const ids: string[] = [];
  const index = new Map<string, number>();
  let perLine = new Uint32Array(1 << 16);
  let n = 0;
  let unmatched = 0;
  let firstUnmatched = 0;
  let physical = 0;
  let lastId = '';
  let lastK = 0;
  await forEachRegion(path, readChunk, new ReadBuffer(readChunk), (buf, end) => {
    const valid = isUtf8(buf.subarray(0, end));
    let pos = 0;
    while (pos < end) {
      let nl = buf.indexOf(10, pos);
      if (nl === -1 || nl > end) nl = end;
      const lineStart = pos;
      pos = nl + 1;
      physical++;
      let id: string;
      if (format === undefined) {
        const s = trimStart(buf, lineStart, nl);
        const e = trimEnd(buf, s, nl);
        id = bytePath(buf, s, e, valid) ? miner.addBytes(buf, s, e) : miner.add(buf.toString('utf8', s, e).trim());
      } else {
        const content = format.content(buf.toString('utf8', lineStart, nl).trim());
        if (content === undefined) {
          unmatched++;
          if (firstUnmatched === 0) firstUnmatched = physical;
          continue;
        }
        id = miner.add(content);
      }
      // Consecutive lines often share an id (the same string object): skip the map lookup then.
      let k = id === lastId ? lastK : index.get(id);
      if (k === undefined) {
        k = ids.length;
        ids.push(id);
        index.set(id, k);
      }
      lastId = id;
      lastK = k;
      if (n === perLine.length) {
        const grown = new Uint32Array(perLine.length * 2);
        grown.set(perLine);
        perLine = grown;
      }
      perLine[n++] = k;
    }
  });
  const mined = performance.now();
  // Final templates, resolved once per id (merged clusters answer to their survivor): each id
  // index gets the bytes that end its rows, ",EventId,EventTemplate\n".
  const tails: Buffer[] = [];
  for (const id of ids) {
    const t = miner.template(id);
    tails.push(Buffer.from(',' + csvField(t?.id ?? id) + ',' + csvField(t?.template ?? '') + '\n', 'utf8'));
  }
  // Pass 2: write the CSV. The input chunk and the output buffer share one Buffer (CsvWriter), so
  // a line's bytes reach the output with one copyWithin.
  let w: CsvWriter;
  try {
    w = new CsvWriter(readChunk, tuning.writeChunk ?? WRITE_CHUNK, opts.output === undefined ? undefined : openSync(opts.output, 'w'), io.stdout, opts.output);
  } catch (err) {
    io.stderr.write(`error: mine: cannot write output '${opts.output}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    return 2;
  }
  try {
    w.direct(Buffer.from('LineId,Content,EventId,EventTemplate\n'));
    let row = 0;
    const lineId = new LineIdDigits();
    await forEachRegion(path, readChunk, w, (buf, end) => {
      const valid = isUtf8(buf.subarray(0, end));
      // Next position (>= the current line's start) of each byte that forces quoting; searched
      // again only once the lines pass it, so a rare byte costs about one search per chunk.
      let nextQuote = -1;
      let nextComma = -1;
      let nextCr = -1;
      let pos = 0;
      while (pos < end && row < n) {
        let nl = buf.indexOf(10, pos);
        if (nl === -1 || nl > end) nl = end;
        const lineStart = pos;
        pos = nl + 1;
        let field: string | undefined;
        let s = 0;
        let e = 0;
        if (format === undefined) {
          s = trimStart(buf, lineStart, nl);
          e = trimEnd(buf, s, nl);
          if (!bytePath(buf, s, e, valid)) field = csvField(buf.toString('utf8', s, e).trim());
        } else {
          const content = format.content(buf.toString('utf8', lineStart, nl).trim());
          if (content === undefined) continue;
          field = csvField(content);
        }
        const tail = tails[perLine[row++] as number] as Buffer;
        if (field !== undefined) {
          if (!w.room(MAX_DIGITS + 1 + 3 * field.length + tail.length)) {
            lineId.next(LINE_ID_SCRATCH, 0);
            w.direct(Buffer.concat([Buffer.from(`${row},${field}`), tail]));
            continue;
          }
          let p = lineId.next(buf, w.pos);
          buf[p++] = 44;
          w.pos = p + buf.write(field, p);
        } else {
          if (!w.room(MAX_DIGITS + 3 + 2 * (e - s) + tail.length)) {
            lineId.next(LINE_ID_SCRATCH, 0);
            w.direct(Buffer.concat([Buffer.from(`${row},${csvField(buf.toString('utf8', s, e))}`), tail]));
            continue;
          }
          if (nextQuote < s) nextQuote = indexOrMax(buf, 34, s);
          if (nextComma < s) nextComma = indexOrMax(buf, 44, s);
          if (nextCr < s) nextCr = indexOrMax(buf, 13, s);
          let p = lineId.next(buf, w.pos);
          buf[p++] = 44;
          if (nextQuote < e) {
            // Quoted, every '"' doubled: copy up to and including each quote, then one more.
            buf[p++] = 34;
            let from = s;
            let q = nextQuote;
            for (; q !== -1 && q < e; q = buf.indexOf(34, q + 1)) {
              buf.copyWithin(p, from, q + 1);
              p += q + 1 - from;
              buf[p++] = 34;
              from = q + 1;
            }
            nextQuote = q === -1 ? Number.MAX_SAFE_INTEGER : q;
            buf.copyWithin(p, from, e);
            p += e - from;
            buf[p++] = 34;
          } else if (nextComma < e || nextCr < e) {
            buf[p++] = 34;
            buf.copyWithin(p, s, e);
            p += e - s;
            buf[p++] = 34;
          } else {
            buf.copyWithin(p, s, e);
            p += e - s;
          }
          w.pos = p;
        }
        buf.set(tail, w.pos);
        w.pos += tail.length;
      }
      return w.drained();
    });
  } finally {
    w.close();
  }
  if (opts.state !== undefined) writeFileSync(opts.state, JSON.stringify(miner.snapshot()));
  const secs = (performance.now() - t0) / 1000;
  const s = miner.stats();
  io.stderr.write(
    `mine: ${n} lines, ${s.templates} templates, ${secs.toFixed(2)} s, ${Math.round(n / Math.max(secs, 1e-9))} lines/s` +
    ` (mining ${((mined - t0) / 1000).toFixed(2)} s; unmatched ${unmatched}${unmatched > 0 ? ` from line ${firstUnmatched}` : ''},` +
    ` skipped ${s.skipped}, truncated ${s.truncated}, evicted ${s.evicted}, overflow ${s.overflow})\n`,
  );
  return 0;
}

/** What String.prototype.trim() removes among ASCII bytes: TAB, LF, VT, FF, CR and space. */
function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function trimStart(buf: Buffer, s: number, e: number): number {
  while (s < e && isAsciiSpace(buf[s] as number)) s++;
  return s;
}

function trimEnd(buf: Buffer, s: number, e: number): number {
  while (e > s && isAsciiSpace(buf[e - 1] as number)) e--;
  return e;
}

/**
 * Whether the ASCII-trimmed line [s, e) is exactly the decoded and trim()med line, as UTF-8: its
 * end bytes are ASCII (and not white space), so no Unicode white space is left to trim, and its
 * bytes are valid UTF-8, so decoding replaces nothing. `valid` says the whole chunk is.
 */
function bytePath(buf: Buffer, s: number, e: number, valid: boolean): boolean {
  if (s === e) return true;
  if ((buf[s] as number) >= 0x80 || (buf[e - 1] as number) >= 0x80) return false;
  return valid || isUtf8(buf.subarray(s, e));
}

function indexOrMax(buf: Buffer, byte: number, from: number): number {
  const i = buf.indexOf(byte, from);
  return i === -1 ? Number.MAX_SAFE_INTEGER : i;
}

async function spoolStdin(stdin: NodeJS.ReadableStream, path: string): Promise<void> {
  const out = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    stdin.on('error', reject);
    out.on('error', reject);
    out.on('finish', () => resolve());
    stdin.pipe(out);
  });
}

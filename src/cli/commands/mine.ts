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

import { isUtf8 } from 'node:buffer';
import { closeSync, createReadStream, createWriteStream, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMiner, compileLogFormat, type LogFormat, type Miner } from '../../mine/index.js';

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

/** Bytes per read: large enough that the per-chunk costs (a read, a UTF-8 check) vanish. */
const READ_CHUNK = 8 << 20;
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

/** Most digits a LineId has (rows are counted in a Uint32Array: below 2^32). */
const MAX_DIGITS = 10;

/** Where LineIdDigits counts a row written by CsvWriter.direct() (that row formats its own id). */
const LINE_ID_SCRATCH = Buffer.alloc(MAX_DIGITS);

/** The LineId as ASCII digits, counted up in place (no number formatting per row). */
class LineIdDigits {
  private readonly digits = new Uint8Array(MAX_DIGITS).fill(48);
  private first = MAX_DIGITS;

  /** Counts one up and writes the digits at `p`; returns the end. */
  next(buf: Buffer, p: number): number {
    const d = this.digits;
    let i = MAX_DIGITS - 1;
    while (d[i] === 57) d[i--] = 48;
    d[i] = (d[i] as number) + 1;
    if (i < this.first) this.first = i;
    for (let j = this.first; j < MAX_DIGITS; j++) buf[p++] = d[j] as number;
    return p;
  }
}

/** Input bytes live in [0, cap) of `buf`; grow() doubles cap and keeps the first `carry` bytes. */
class ReadBuffer {
  buf: Buffer;
  cap: number;

  constructor(cap: number) {
    this.buf = Buffer.allocUnsafe(cap);
    this.cap = cap;
  }

  grow(carry: number): void {
    const grown = Buffer.allocUnsafe(this.cap * 2);
    this.buf.copy(grown, 0, 0, carry);
    this.buf = grown;
    this.cap *= 2;
  }
}

/**
 * Calls `onRegion(buf, end)` with bytes [0, end) of the reused input buffer holding whole lines:
 * every line ends with '\n' except, in the last region, a final line without one. A line longer
 * than the buffer grows it. Reads are sequential (no positions), so a pipe works as well as a file.
 */
async function forEachRegion(path: string, chunk: number, input: ReadBuffer, onRegion: (buf: Buffer, end: number) => void | Promise<void>): Promise<void> {
  const fd = openSync(path, 'r');
  try {
    let carry = 0;
    for (;;) {
      if (carry === input.cap) input.grow(carry);
      const buf = input.buf;
      const got = readSync(fd, buf, carry, Math.min(chunk, input.cap - carry), null);
      if (got === 0) {
        if (carry > 0) await onRegion(buf, carry);
        return;
      }
      const have = carry + got;
      const last = buf.lastIndexOf(10, have - 1);
      if (last < carry) {
        carry = have; // no line ends in the new bytes (the carried bytes hold no '\n')
        continue;
      }
      await onRegion(buf, last + 1);
      carry = have - (last + 1);
      buf.copyWithin(0, last + 1, have);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The CSV output, sharing its Buffer with the input chunk: input in [0, cap), pending output in
 * [cap, pos). (Node 20's Buffer.copy with ranges costs about four times a copyWithin per call,
 * and pass 2 copies every line.) A full buffer goes to the output file (`fd`) with writeSync or,
 * without one, to the stdout stream as a copy (the stream keeps what it is given).
 */
class CsvWriter extends ReadBuffer {
  pos: number;
  private blocked = false;

  constructor(cap: number, private readonly size: number, private readonly fd: number | undefined, private readonly stream: NodeJS.WritableStream, private readonly path?: string) {
    super(cap + size);
    this.cap = cap;
    this.pos = cap;
  }

  override grow(carry: number): void {
    this.flush();
    const grown = Buffer.allocUnsafe(this.cap * 2 + this.size);
    this.buf.copy(grown, 0, 0, carry);
    this.buf = grown;
    this.cap *= 2;
    this.pos = this.cap;
  }

  /** Whether `bytes` more fit at `pos` (after a flush if need be); no means: use direct(). */
  room(bytes: number): boolean {
    if (this.pos + bytes <= this.buf.length) return true;
    this.flush();
    return this.pos + bytes <= this.buf.length;
  }

  /** Writes `bytes` after what is pending, bypassing the buffer (for rows larger than it). */
  direct(bytes: Buffer): void {
    this.flush();
    this.emit(bytes, bytes.length);
  }

  flush(): void {
    if (this.pos === this.cap) return;
    this.emit(this.buf.subarray(this.cap, this.pos), this.pos - this.cap);
    this.pos = this.cap;
  }

  private emit(bytes: Buffer, length: number): void {
    if (this.fd === undefined) {
      if (!this.stream.write(Buffer.from(bytes))) this.blocked = true;
      return;
    }
    try {
      for (let off = 0; off < length;) off += writeSync(this.fd, bytes, off, length - off);
    } catch (err) {
      (err as NodeJS.ErrnoException).path ??= this.path; // so the error names the output, not the input
      throw err;
    }
  }

  /** Resolves once a stream that asked for back-pressure has drained (checked once per chunk). */
  drained(): Promise<void> | undefined {
    if (!this.blocked) return undefined;
    this.blocked = false;
    const stream = this.stream;
    return new Promise<void>((resolve) => stream.once('drain', resolve));
  }

  /** Writes what is pending and closes the output file (a stream is left open, as given). */
  close(): void {
    try {
      this.flush();
    } finally {
      if (this.fd !== undefined) closeSync(this.fd);
    }
  }
}

/** RFC 4180 quoting: only fields that need it are quoted, quotes are doubled. */
export function csvField(v: string): string {
  // One native search per field (a per-character JS loop costs more than the rest of the row).
  return NEEDS_QUOTES.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
}
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Calls `onLine` for every line of the file, decoded, chunk by chunk (never the whole file in
 * memory). `mine` itself reads bytes; this string reader stays for scripts/bench-mine.ts and as the
 * reference the byte path is tested against.
 * `between` runs after each chunk so a slow writer can apply back-pressure.
 */
export async function forEachLine(path: string, onLine: (line: string) => void, between?: () => Promise<void>): Promise<void> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = rest.length > 0 ? rest + chunk : chunk;
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      onLine(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
    if (between !== undefined) await between();
  }
  if (rest.length > 0) onLine(rest);
}

/**
 * Calls `onLine(buf, start, end)` for every line of the file as a byte range of a reused buffer
 * (no string per line; the range is valid only during the call). Lines end at '\n', which is not
 * included; nothing is trimmed.
 */
export async function forEachLineBytes(path: string, onLine: (buf: Buffer, start: number, end: number) => void): Promise<void> {
  await forEachRegion(path, READ_CHUNK, new ReadBuffer(READ_CHUNK), (buf, end) => {
    let pos = 0;
    while (pos < end) {
      let nl = buf.indexOf(10, pos);
      if (nl === -1 || nl > end) nl = end;
      onLine(buf, pos, nl);
      pos = nl + 1;
    }
  });
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

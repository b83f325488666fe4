// `log-gardener mine`: template mining alone, in the Loghub structured CSV convention
// (LineId,Content,EventId,EventTemplate) so results compare directly with published log parsers.
//
// Streams: pass 1 reads the input chunk by chunk and mines each line, keeping only a small integer
// per line; pass 2 re-reads the input and writes each line with its cluster's FINAL template (a
// cluster widens as it sees more lines, and the Loghub convention labels every line with the final
// one). Standard input is spooled to a temporary file for the second pass.
//
// Both passes work on bytes, not JS strings (issue 3: a million lines a second, start-up and both
// passes included): pass 1 reads regions into the miner's own memory and mines their lines in
// batches (Miner.addLines, the scan in WebAssembly); pass 2 builds the rows in a second small
// WebAssembly module (csv-core.ts), copying each trimmed line unless it needs quoting. Lines whose
// bytes cannot stand for their decoded, trim()med text (Unicode white space at an end, invalid UTF-8)
// and all lines under --log-format go through strings, so the CSV is byte for byte what the
// string implementation wrote (mine.test.ts checks this against forEachLine and csvField).
// The passes' parts are in ../mine/: reading (line-reader.ts), pass 1 over a region (pass1.ts),
// the CSV rows (csv-rows.ts, csv-core.ts, csv-writer.ts).
//
// With --threads N, both passes spread the work per byte over N worker threads, with the same
// output (../mine/threads.ts says how).

// node:fs only (its callback API), not fs/promises, os or perf_hooks: each built-in module loaded
// costs start-up (os is loaded only to spool standard input).
import { closeSync, constants, createWriteStream, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// The miner's own modules rather than its index: the index also loads what `mine` seldom needs
// (snapshot validation with zod, the string masking rules' tables), ~50 ms of a run's start-up.
import { Miner } from '../../mine/miner.js';
import { compileLogFormat, type LogFormat } from '../../mine/log-format.js';
import { CsvRows } from '../mine/csv-rows.js';
import { CsvCore } from '../mine/csv-core.js';
import { CsvWriter, csvField, cutAt, writeAll, writerBytes } from '../mine/csv-writer.js';
import { LineIds } from '../mine/line-ids.js';
import { READ_CHUNK, ReadBuffer, forEachRegion } from '../mine/line-reader.js';
import type { RegionCount } from '../mine/threads.js';
import { type Unmatched, mineRegion } from '../mine/pass1.js';

export interface MineIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream;
}

export const MINE_HELP = `Usage: log-gardener mine --input FILE [--log-format FORMAT] [--output FILE.csv] [--state FILE.json] [--threads N]

  --input FILE        log file to mine, one entry per line ('-' = standard input)
  --log-format FMT    Loghub header format, e.g. '<Date> <Time> <Level>: <Content>'; only <Content>
                      is mined; lines that do not match are counted and left out. Without it the
                      whole line is the content.
  --output FILE.csv   write LineId,Content,EventId,EventTemplate (default: standard output)
  --state FILE.json   continue from this miner snapshot if it exists, and save the state after the
                      run (template ids then stay stable across runs)
  --threads N         worker threads that mask lines and write rows beside the thread that mines
                      (default 0: none). The output is the same for every N. They pay off on large
                      inputs with cores to spare (docs/mining.md); --log-format runs use none.

A one-line summary (lines, templates, seconds, lines/s) is printed on standard error.
`;

interface MineArgs {
  input: string;
  format: string | undefined;
  output: string | undefined;
  state: string | undefined;
  /** Worker threads (0: none). */
  threads: number;
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
      case '--threads': {
        const v = value();
        if (!/^[0-9]+$/.test(v) || Number(v) > 64) throw new UsageError(`--threads must be a whole number from 0 to 64, got '${v}'`);
        out.threads = Number(v);
        break;
      }
      default: throw new UsageError(`unknown argument '${a}'`);
    }
  }
  if (out.input === undefined) throw new UsageError('--input FILE is required');
  return { input: out.input, format: out.format, output: out.output, state: out.state, threads: out.threads ?? 0 };
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
      spool = mkdtempSync(join((await import('node:os')).tmpdir(), 'lg-mine-'));
      path = join(spool, 'stdin.log');
      await spoolStdin(io.stdin ?? process.stdin, path);
    } else if (!existsSync(path)) {
      io.stderr.write(`error: mine: cannot read input '${path}': no such file\n`);
      return 2;
    }
    if (opts.output !== undefined && sameFile(path, opts.output)) {
      io.stderr.write(`error: mine: the output '${opts.output}' is the input: pass 2 reads the input again\n`);
      return 2;
    }
    let miner: Miner;
    try {
      miner = opts.state !== undefined && existsSync(opts.state)
        ? (await import('../../mine/restore.js')).restoreMiner(JSON.parse(readFileSync(opts.state, 'utf8')))
        : new Miner();
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

const CSV_HEADER = Buffer.from('LineId,Content,EventId,EventTemplate\n');

/** Bytes of CSV buffered before each write: room for a pass-2 region's rows (about 2× its input). */
const WRITE_CHUNK = 8 << 20;

/**
 * Input bytes per region in pass 2: small enough that a region's rows fit one output area, so that
 * each is written while the next is built (CsvWriter's overlap), not in pieces along the way.
 */
const ROWS_CHUNK = 2 << 20;

/**
 * Bytes per region handed to a worker thread: small enough that the thread that mines gets its
 * first lines soon after the workers start, large enough that a message per region costs nothing.
 */
const THREAD_REGION = 2 << 20;

/**
 * Inputs from this size on are masked by the worker threads in pass 1 too (below it, pass 2 only).
 * Measured on 2 cores (docs/mining.md): over 80 MB, each worker's own cold JIT costs more than the
 * masking it takes over; over 400 MB, masking in two workers cut the run by up to a quarter.
 */
const SCAN_THREADS_BYTES = 256 << 20;

/** Internal knobs, for tests only (tiny sizes put lines across chunk and buffer boundaries). */
export interface MineTuning {
  readChunk?: number;
  writeChunk?: number;
  /** Input size from which pass 1 masks in the workers (SCAN_THREADS_BYTES). */
  scanThreadsBytes?: number;
}

async function mineFile(path: string, opts: MineArgs, format: LogFormat | undefined, miner: Miner, io: MineIo, tuning: MineTuning): Promise<number> {
  const t0 = performance.now();
  const readChunk = tuning.readChunk ?? READ_CHUNK;
  const writeChunk = tuning.writeChunk ?? WRITE_CHUNK;
  // --log-format lines are parsed as strings on this thread; an input of one or two regions would
  // keep the workers waiting.
  const workers = opts.threads;
  const inputBytes = statSync(path).size;
  const region = Math.min(readChunk, THREAD_REGION);
  const threads = format === undefined && workers > 0 && inputBytes > 2 * region
    ? new (await import('../mine/threads.js')).MineThreads(workers, miner.config, writeChunk) // loaded only when asked for (~10 ms)
    : undefined;
  try {
    // Pass 1: mine; per line keep the index of its id.
    const lines = new LineIds();
    const unmatched: Unmatched = { count: 0, first: 0, physical: 0 };
    let counts: RegionCount[] | undefined;
    if (threads !== undefined) counts = await threads.mine(path, region, miner, lines, inputBytes >= (tuning.scanThreadsBytes ?? SCAN_THREADS_BYTES));
    else {
      // Read into the miner's own memory, where its WebAssembly scan takes the lines in place: two
      // buffers, the next chunk read into one while the other's lines are mined.
      const lane = format === undefined ? miner.inputBuffer(2 * readChunk) : undefined;
      const input = new ReadBuffer(readChunk, lane?.subarray(0, readChunk));
      const spare = new ReadBuffer(readChunk, lane?.subarray(readChunk));
      await forEachRegion(path, readChunk, input, (buf, end) => mineRegion(buf, end, format, miner, lines, unmatched), spare);
    }
    const mined = performance.now();
    // Final templates, resolved once per id (merged clusters answer to their survivor): each id
    // index gets the bytes that end its rows, ",EventId,EventTemplate\n".
    const tails = lines.ids.map((id) => {
      const t = miner.template(id);
      return Buffer.from(',' + csvField(t?.id ?? id) + ',' + csvField(t?.template ?? '') + '\n', 'utf8');
    });
    // Pass 2: write the CSV.
    let fd: number | undefined;
    try {
      // Written over in place, not truncated first, and cut to its new length at the end (cutAt):
      // a run that writes the same output again reuses the file's pages and blocks. Truncating or
      // removing the old file first made the kernel free them and allocate them again: writing
      // 166 MB took 60-70 ms to a new file (and 14 ms to remove the old one), 24-32 ms over it.
      if (opts.output !== undefined) fd = openSync(opts.output, constants.O_WRONLY | constants.O_CREAT, 0o666);
    } catch (err) {
      io.stderr.write(`error: mine: cannot write output '${opts.output}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
      return 2;
    }
    if (threads !== undefined && counts !== undefined) {
      let end = 0; // where the file is cut: if the rows fail, nothing of the old file stays after what was written
      try {
        if (fd === undefined) io.stdout.write(CSV_HEADER);
        else writeAll(fd, CSV_HEADER, CSV_HEADER.length, opts.output, 0);
        end = CSV_HEADER.length;
        const sink = fd === undefined ? { stream: io.stdout } : { fd, path: opts.output, start: CSV_HEADER.length };
        end = await threads.write(path, region, counts, lines, tails, sink);
      } finally {
        if (fd !== undefined) {
          cutAt(fd, end);
          closeSync(fd);
        }
      }
    } else {
      // To a file, each region's rows are written on libuv's threads while the next region's are
      // built (CsvWriter's overlap); to standard output, in order with back-pressure.
      const rowsChunk = Math.min(readChunk, ROWS_CHUNK);
      const overlap = fd !== undefined;
      // Rows of lines written as bytes are built in WebAssembly, in the writer's buffer (CsvCore).
      const core = format === undefined ? new CsvCore(lines.perLine, lines.count, tails, writerBytes(rowsChunk, writeChunk, overlap)) : undefined;
      const w = fd === undefined
        ? new CsvWriter(rowsChunk, writeChunk, { stream: io.stdout }, false, core?.io)
        : new CsvWriter(rowsChunk, writeChunk, { fd, path: opts.output, position: 0, cut: true }, true, core?.io);
      try {
        w.direct(CSV_HEADER);
        const rows = new CsvRows(lines.perLine, lines.count, tails, format, 0, core);
        // The input chunk and the output buffer share one Buffer (CsvWriter), so a line's bytes
        // reach the output with one copyWithin.
        await forEachRegion(path, rowsChunk, w, (_buf, end) => {
          rows.region(w, end);
          return w.endRegion();
        });
      } finally {
        await w.close();
      }
    }
    if (opts.state !== undefined) writeFileSync(opts.state, JSON.stringify(miner.snapshot()));
    const secs = (performance.now() - t0) / 1000;
    const s = miner.stats();
    const n = lines.count;
    io.stderr.write(
      `mine: ${n} lines, ${s.templates} templates, ${secs.toFixed(2)} s, ${Math.round(n / Math.max(secs, 1e-9))} lines/s` +
      ` (mining ${((mined - t0) / 1000).toFixed(2)} s${threads === undefined ? '' : `, ${workers} worker threads`}; unmatched ${unmatched.count}${unmatched.count > 0 ? ` from line ${unmatched.first}` : ''},` +
      ` skipped ${s.skipped}, truncated ${s.truncated}, evicted ${s.evicted}, overflow ${s.overflow})\n`,
    );
    return 0;
  } finally {
    await threads?.close();
  }
}

/** Whether two paths name the same file (both must exist). */
function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
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

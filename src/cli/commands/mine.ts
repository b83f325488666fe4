// `log-gardener mine`: template mining alone, in the Loghub structured CSV convention
// (LineId,Content,EventId,EventTemplate) so results compare directly with published log parsers.
//
// Streams: pass 1 reads the input chunk by chunk and mines each line, keeping only a small integer
// per line; pass 2 re-reads the input and writes each line with its cluster's FINAL template (a
// cluster widens as it sees more lines, and the Loghub convention labels every line with the final
// one). Standard input is spooled to a temporary file for the second pass.

import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

export async function runMine(args: string[], io: MineIo): Promise<number> {
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
    return await mineFile(path, opts, format, miner, io);
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

async function mineFile(path: string, opts: MineArgs, format: LogFormat | undefined, miner: Miner, io: MineIo): Promise<number> {
  const t0 = performance.now();
  // Pass 1: mine; per line keep the index of its id (ids are few, lines are many).
  const ids: string[] = [];
  const index = new Map<string, number>();
  let perLine = new Uint32Array(1 << 16);
  let n = 0;
  let unmatched = 0;
  let firstUnmatched = 0;
  let physical = 0;
  let lastId = '';
  let lastK = 0;
  await forEachLine(path, (raw) => {
    physical++;
    const line = raw.trim();
    const content = format === undefined ? line : format.content(line);
    if (content === undefined) {
      unmatched++;
      if (firstUnmatched === 0) firstUnmatched = physical;
      return;
    }
    const id = miner.add(content);
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
  });
  const mined = performance.now();
  // Final templates, resolved once per id (merged clusters answer to their survivor).
  const finalId: string[] = [];
  const finalTpl: string[] = [];
  for (const id of ids) {
    const t = miner.template(id);
    finalId.push(csvField(t?.id ?? id));
    finalTpl.push(csvField(t?.template ?? ''));
  }
  // Pass 2: write the CSV.
  const out: NodeJS.WritableStream = opts.output === undefined ? io.stdout : createWriteStream(opts.output);
  let buf = 'LineId,Content,EventId,EventTemplate\n';
  let row = 0;
  let blocked = false;
  await forEachLine(path, (raw) => {
    const line = raw.trim();
    const content = format === undefined ? line : format.content(line);
    if (content === undefined) return;
    const k = perLine[row++] as number;
    buf += row + ',' + csvField(content) + ',' + (finalId[k] as string) + ',' + (finalTpl[k] as string) + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) blocked = true;
      buf = '';
    }
  }, async () => {
    // Back-pressure: wait for the writer once per input chunk if it asked us to.
    if (blocked) await new Promise<void>((resolve) => out.once('drain', resolve));
    blocked = false;
  });
  if (opts.output === undefined) out.write(buf);
  else await new Promise<void>((resolve, reject) => {
    out.on('error', reject);
    out.end(buf, resolve);
  });
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

/** RFC 4180 quoting: only fields that need it are quoted, quotes are doubled. */
export function csvField(v: string): string {
  // One native search per field (a per-character JS loop costs more than the rest of the row).
  return NEEDS_QUOTES.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
}
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Calls `onLine` for every line of the file, chunk by chunk (never the whole file in memory).
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

async function spoolStdin(stdin: NodeJS.ReadableStream, path: string): Promise<void> {
  const out = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    stdin.on('error', reject);
    out.on('error', reject);
    out.on('finish', () => resolve());
    stdin.pipe(out);
  });
}

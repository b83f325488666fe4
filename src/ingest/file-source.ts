import type { InputProblem, LogRecord } from '../core/record.js';
import { emptyCoverage, type RecordSource, type SourceCoverage } from '../core/source.js';
import { TracebackFolder } from './fold-tracebacks.js';
import type { FoldOptions } from './fold-tracebacks.js';
import { checkReadable, reasonOf, STDIN, textChunks } from './input-stream.js';
import { JsonArraySplitter } from './json-array-splitter.js';
import { splitLines } from './lines.js';
import { MalformedEntryError, normalizeEntry } from './normalize.js';
import { textLineRecord } from './text-line.js';
import { TimeFiller } from './time-filler.js';

// Files and stdin as a RecordSource. Each input's format is detected from its first characters;
// inputs are read one after the other, streamed, and each input's records pass through the
// traceback folder before they are yielded.

export type InputFormat = 'gcloud-json' | 'ndjson' | 'text';

export interface FileSourceOptions {
  stdin?: NodeJS.ReadableStream;
  /** Problems listed per input (the count is always exact). Default 100. */
  maxProblems?: number;
  fold?: FoldOptions;
}

/**
 * Opens the inputs for reading. Throws GardenerError('input', 'cannot read <path>: <reason>') at
 * once when any file cannot be opened. `-` reads opts.stdin (default process.stdin).
 */
export function openFileSource(inputs: string[], opts: FileSourceOptions = {}): RecordSource {
  checkReadable(inputs);
  const coverage: SourceCoverage[] = inputs.map((input) => emptyCoverage(input, 'unknown'));
  return {
    records: () => readAll(inputs, coverage, opts),
    coverage: () => coverage.map((c) => ({ ...c, problems: [...c.problems] })),
  };
}

async function* readAll(inputs: string[], coverage: SourceCoverage[], opts: FileSourceOptions): AsyncIterable<LogRecord> {
  for (const [i, input] of inputs.entries()) {
    yield* readInput(input, coverage[i] as SourceCoverage, opts);
  }
}

async function* readInput(input: string, cov: SourceCoverage, opts: FileSourceOptions): AsyncIterable<LogRecord> {
  const maxProblems = opts.maxProblems ?? 100;
  const problem = (line: number, reason: string): void => {
    cov.problemCount++;
    if (cov.problems.length < maxProblems) cov.problems.push({ input, line, reason } satisfies InputProblem);
  };
  const folder = new TracebackFolder(opts.fold);
  const filler = new TimeFiller();
  const emit = (records: LogRecord[]): LogRecord[] => {
    for (const r of records) {
      cov.records++;
      cov.folded += r.foldedInsertIds?.length ?? 0;
    }
    return records;
  };
  let lastPosition = 0;
  try {
    const { format, chunks } = await detectFormat(textChunks(input, opts.stdin));
    cov.format = format;
    for await (const unit of units(format, input, chunks)) {
      lastPosition = unit.position;
      if (unit.kind === 'problem') {
        if (unit.counted) cov.entries++;
        problem(unit.position, unit.reason);
        continue;
      }
      cov.entries++;
      for (const timed of filler.push(unit.record)) yield* emit(folder.push(timed));
    }
    for (const timed of filler.end()) yield* emit(folder.push(timed));
    yield* emit(folder.end());
    cov.complete = true;
  } catch (err) {
    // A read failing midway (a truncated .gz, an I/O error) carries a code: keep what was read and
    // say so. Anything else is a bug and must not pass for bad input.
    if (!(err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string')) throw err;
    for (const timed of filler.end()) yield* emit(folder.push(timed));
    yield* emit(folder.end());
    problem(lastPosition, `reading stopped: ${reasonOf(err)}`);
    cov.note = joinNotes(cov.note, `reading ${input === STDIN ? 'stdin' : input} stopped after line/element ${lastPosition}: ${reasonOf(err)}`);
  }
  const timeNote = filler.note();
  if (timeNote !== undefined) cov.note = joinNotes(cov.note, timeNote);
}

type Unit =
  | { kind: 'record'; record: LogRecord; position: number }
  | { kind: 'problem'; position: number; reason: string; counted: boolean };

async function* units(format: InputFormat, input: string, chunks: AsyncIterable<string>): AsyncIterable<Unit> {
  if (format === 'gcloud-json') {
    const splitter = new JsonArraySplitter();
    for await (const chunk of chunks) yield* elementUnits(input, splitter.push(chunk));
    yield* elementUnits(input, splitter.end());
    return;
  }
  for await (const numbered of splitLines(chunks)) {
    const { line, truncated } = numbered;
    const text = line === 1 ? numbered.text.replace(/^\uFEFF/, '') : numbered.text; // a UTF-8 BOM is not content
    if (text.trim() === '') continue; // blank lines carry nothing; they are neither entries nor problems
    if (format === 'text') {
      yield { kind: 'record', record: textLineRecord(input, line, text), position: line };
      if (truncated) yield { kind: 'problem', position: line, reason: 'line too long, truncated', counted: false };
      continue;
    }
    if (truncated) {
      yield { kind: 'problem', position: line, reason: 'line too long, skipped', counted: true };
      continue;
    }
    yield entryUnit(input, text, line, line, `line ${line}`);
  }
}

function* elementUnits(input: string, elements: ReturnType<JsonArraySplitter['push']>): Iterable<Unit> {
  for (const el of elements) {
    if (el.text === undefined) {
      yield { kind: 'problem', position: el.line, reason: el.index > 0 ? `element #${el.index}: ${el.problem}` : (el.problem ?? ''), counted: el.index > 0 };
    } else {
      yield entryUnit(input, el.text, el.index, el.line, `element #${el.index}`);
    }
  }
}

/** Parses one JSON unit; `originLine` is the line (NDJSON) or array index (gcloud JSON), `fileLine` where it starts. */
function entryUnit(input: string, text: string, originLine: number, fileLine: number, what: string): Unit {
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch (err) {
    return { kind: 'problem', position: fileLine, reason: `${what}: malformed JSON (${(err as Error).message})`, counted: true };
  }
  try {
    return { kind: 'record', record: normalizeEntry(entry, { input, line: originLine }), position: fileLine };
  } catch (err) {
    if (err instanceof MalformedEntryError) return { kind: 'problem', position: fileLine, reason: `${what}: ${err.message}`, counted: true };
    throw err;
  }
}

/**
 * "[" then "{" or "]" → a gcloud JSON array; "{" → NDJSON; anything else → plain text (a gunicorn
 * line such as "[2025-09-07 13:34:00 +0000] [15] [INFO] …" starts with "[" but is text).
 */
async function detectFormat(chunks: AsyncIterable<string>): Promise<{ format: InputFormat; chunks: AsyncIterable<string> }> {
  const it = chunks[Symbol.asyncIterator]();
  const head: string[] = [];
  let sig = '';
  while (sig.length < 2) {
    const r = await it.next();
    if (r.done === true) break;
    head.push(r.value);
    sig += r.value.replace(/[\s\uFEFF]+/g, '').slice(0, 2 - sig.length);
  }
  const format: InputFormat = sig === '[{' || sig === '[]' || sig === '[' ? 'gcloud-json' : sig.startsWith('{') ? 'ndjson' : 'text';
  async function* replay(): AsyncIterable<string> {
    yield* head;
    for (let r = await it.next(); r.done !== true; r = await it.next()) yield r.value;
  }
  return { format, chunks: replay() };
}

function joinNotes(a: string | undefined, b: string): string {
  return a === undefined ? b : `${a}; ${b}`;
}

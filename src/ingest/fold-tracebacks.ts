import type { LogKind, LogRecord } from '../core/record.js';
import { severityNumber } from '../core/severity.js';
import { fragmentKind } from './stack/fragment.js';
import type { FragmentKind } from './stack/fragment.js';
import { parseStackTrace } from './stack/parse.js';

// Cloud Run logs each stderr line as its own entry, so one Python traceback arrives as a header
// entry, frame entries and an exception entry, possibly interleaved with other instances' entries.
// The folder collects consecutive fragments per instance (bounded by count and time gap), joins
// them in time order and, when the joined text parses as a stack trace, emits ONE record carrying
// the whole trace; otherwise the fragments pass through untouched. Output keeps input order (a
// folded record takes the place of its first fragment), and no record is ever dropped.

export interface FoldOptions {
  /** Most entries folded into one record (a longer trace is cut into several). Default 500. */
  maxFragments?: number;
  /** Largest time gap between consecutive fragments of one trace, ms. Default 2000. */
  maxGapMs?: number;
  /** Most records held back while traces are open; beyond it the oldest trace is closed. Default 10000. */
  maxPending?: number;
  /** Log kinds whose entries may be fragments. Default stderr and other (text inputs). */
  kinds?: readonly LogKind[];
}

interface Fragment {
  record: LogRecord;
  kind: FragmentKind;
  seq: number;
}

interface Run {
  key: string;
  fragments: Fragment[];
  lastKind: FragmentKind;
  /** The kind before lastKind, to tell where an exception line sits. */
  priorKind: FragmentKind | undefined;
  lastTimeMs: number;
  /** Filled when the run is closed. */
  output?: LogRecord[];
}

type Slot = { record: LogRecord } | { run: Run };

const DEFAULTS = { maxFragments: 500, maxGapMs: 2000, maxPending: 10_000 };

/** The folding state machine, synchronous so that any source can drive it record by record. */
export class TracebackFolder {
  private readonly opts: Required<Omit<FoldOptions, 'kinds'>>;
  private readonly kinds: ReadonlySet<LogKind>;
  private readonly open = new Map<string, Run>();
  private readonly queue: Slot[] = [];
  private seq = 0;
  private lastTimeMs = Number.NaN;
  /** Votes on the stream's direction: gcloud exports are newest first. */
  private ascending = 0;
  private descending = 0;

  constructor(options: FoldOptions = {}) {
    this.opts = {
      maxFragments: options.maxFragments ?? DEFAULTS.maxFragments,
      maxGapMs: options.maxGapMs ?? DEFAULTS.maxGapMs,
      maxPending: options.maxPending ?? DEFAULTS.maxPending,
    };
    this.kinds = new Set(options.kinds ?? ['stderr', 'other']);
  }

  /** Takes one record; returns the records that are now final, in input order. */
  push(record: LogRecord): LogRecord[] {
    this.vote(record.timeMs);
    this.closeStale(record.timeMs);
    const key = keyOf(record);
    const kind: FragmentKind = this.kinds.has(record.logKind) && record.exception === undefined ? fragmentKind(record.message) : 'other';
    const run = this.open.get(key);
    const fragment: Fragment = { record, kind, seq: this.seq++ };

    if (run !== undefined && kind !== 'other' && !isBoundary(run.priorKind, run.lastKind, kind) && run.fragments.length < this.opts.maxFragments) {
      run.fragments.push(fragment);
      run.priorKind = run.lastKind;
      run.lastKind = kind;
      run.lastTimeMs = record.timeMs;
    } else {
      if (run !== undefined) this.close(run);
      if (kind === 'header' || kind === 'frame' || kind === 'exception') {
        const fresh: Run = { key, fragments: [fragment], lastKind: kind, priorKind: undefined, lastTimeMs: record.timeMs };
        this.open.set(key, fresh);
        this.queue.push({ run: fresh });
      } else {
        this.queue.push({ record });
      }
    }
    while (this.queue.length > this.opts.maxPending) {
      const front = this.queue[0];
      if (front !== undefined && 'run' in front && front.run.output === undefined) this.close(front.run);
      else break;
    }
    return this.drain();
  }

  /** Closes every open trace and returns the remaining records. */
  end(): LogRecord[] {
    for (const run of [...this.open.values()]) this.close(run);
    return this.drain();
  }

  private vote(timeMs: number): void {
    if (Number.isFinite(timeMs) && Number.isFinite(this.lastTimeMs)) {
      if (timeMs > this.lastTimeMs) this.ascending++;
      else if (timeMs < this.lastTimeMs) this.descending++;
    }
    if (Number.isFinite(timeMs)) this.lastTimeMs = timeMs;
  }

  private closeStale(timeMs: number): void {
    if (!Number.isFinite(timeMs)) return;
    for (const run of [...this.open.values()]) {
      if (Math.abs(timeMs - run.lastTimeMs) > this.opts.maxGapMs) this.close(run);
    }
  }

  private close(run: Run): void {
    this.open.delete(run.key);
    run.output = foldRun(run.fragments, this.descending > this.ascending);
  }

  private drain(): LogRecord[] {
    const out: LogRecord[] = [];
    while (this.queue.length > 0) {
      const front = this.queue[0] as Slot;
      if ('record' in front) out.push(front.record);
      else if (front.run.output !== undefined) out.push(...front.run.output);
      else break;
      this.queue.shift();
    }
    return out;
  }
}

/** Joins tracebacks split across consecutive entries of one instance; see TracebackFolder. */
export async function* foldTracebacks(records: AsyncIterable<LogRecord>, opts?: FoldOptions): AsyncIterable<LogRecord> {
  const folder = new TracebackFolder(opts);
  for await (const record of records) yield* folder.push(record);
  yield* folder.end();
}

/** Instances do not share a stderr; without an instance id, the service/revision (or input) does. */
function keyOf(r: LogRecord): string {
  if (r.instanceId !== undefined) return `i:${r.instanceId}`;
  return `s:${r.origin.input}|${r.service ?? ''}|${r.revision ?? ''}|${r.logKind}`;
}

/**
 * Where one trace ends and the next begins, in either reading direction: an exception line next to
 * a header (forward: "…Error: x" then "Traceback…"; newest-first: "Traceback…" then "…Error: y"),
 * or a frame after an exception line that closed a list of frames (forward Python: the trace is
 * over; newest-first Java: the head line came last, the next frames belong to an older trace). An
 * exception line that follows a chain marker (newest-first Python chains) does not end the trace.
 */
function isBoundary(prior: FragmentKind | undefined, prev: FragmentKind, next: FragmentKind): boolean {
  if (prev === 'exception') return next === 'header' || next === 'exception' || (next === 'frame' && prior === 'frame');
  if (prev === 'header') return next === 'exception' || next === 'header';
  return false;
}

function foldRun(fragments: Fragment[], newestFirst: boolean): LogRecord[] {
  const passThrough = fragments.map((f) => f.record);
  if (fragments.length < 2 || !fragments.some((f) => f.kind === 'header' || f.kind === 'frame')) return passThrough;
  // Time order; equal times keep the order they were printed in (reverse of a newest-first stream).
  const ordered = (newestFirst ? [...fragments].reverse() : [...fragments]).sort((a, b) => timeKey(a) - timeKey(b));
  const text = ordered.map((f) => f.record.message.replace(/\r?\n$/, '')).join('\n');
  const exception = parseStackTrace(text);
  if (exception === undefined) return passThrough;
  const head = ordered[0] as Fragment;
  const worst = ordered.reduce((w, f) => (severityNumber(f.record.severity) > severityNumber(w) ? f.record.severity : w), head.record.severity);
  return [
    {
      ...head.record,
      severity: worst,
      message: text,
      stackText: text,
      exception,
      foldedInsertIds: ordered.slice(1).map((f) => f.record.insertId),
    },
  ];
}

function timeKey(f: Fragment): number {
  return Number.isFinite(f.record.timeMs) ? f.record.timeMs : 0;
}

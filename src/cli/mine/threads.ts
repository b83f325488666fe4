// `log-gardener mine --threads N`: both passes spread over N worker threads (worker.ts), with
// output identical to one thread's. The miner itself stays on this thread, because each line's
// outcome depends on every line before it; what moves is the work per byte:
//  - pass 1 (on large inputs; see MineThreads.mine): a worker masks a region's lines and names each masked line (LineScanner); this
//    thread then feeds the names to Miner.addMasked in input order (and the few lines a worker
//    could not mask, as strings, to Miner.add). Equal masked lines share one MaskedLine object,
//    which remembers where the last one went, so most lines cost a lookup here. The first region
//    this thread mines itself, while the workers start on the next ones: the templates form there,
//    and that work cannot start any sooner.
//  - pass 2: a worker writes the CSV rows of a region straight into the output file, where pass 1's
//    counts put them (each region's Content bytes, then the ids' tails); to a stream, it hands the
//    rows back and this thread writes them in order.
// Regions (whole lines, RegionReader) are handed out in turn, at most two per worker in flight, so
// memory stays bounded whatever the input's size.

import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { MinerConfig } from '../../mine/config.js';
import { type MaskedLine, maskedLine } from '../../mine/line-scanner.js';
import type { Miner } from '../../mine/miner.js';
import { FieldBytes } from './csv-rows.js';
import type { LineIds } from './line-ids.js';
import { RegionReader, inLane } from './line-reader.js';
import { mineRegion } from './pass1.js';
import type { MineWorkerData } from './worker.js';

export interface ScanJob { type: 'scan'; seq: number; bytes: ArrayBuffer; end: number }
export interface ScanResult {
  type: 'scanned';
  seq: number;
  bytes: ArrayBuffer;
  /** Per line, the name of its masked line, or AS_STRING (then its text is the next of `texts`). */
  names: Int32Array;
  texts: string[];
  /**
   * Lines whose name was new, with their masked tokens. After the worker's memos start over, every
   * name is new again at its first use, so a stale MaskedLine is replaced before it is read.
   */
  freshAt: number[];
  freshTokens: string[][];
  /** Bytes of the region's Content fields in the CSV. */
  contentBytes: number;
}
export interface TailsJob { type: 'tails'; bytes: Uint8Array; ends: Int32Array }
export interface RowsJob {
  type: 'rows';
  seq: number;
  bytes: ArrayBuffer;
  end: number;
  perLine: Uint32Array;
  firstLineId: number;
  /** The output file, and where the region's `size` bytes of rows go in it (else: hand them back). */
  fd?: number;
  path?: string;
  position: number;
  size: number;
}
export interface RowsResult { type: 'rows'; seq: number; bytes: ArrayBuffer; pieces: Uint8Array[]; rows: number }
export type WorkerJob = ScanJob | TailsJob | RowsJob;

/** What pass 1 learnt of a region: its lines and the bytes of their Content fields. */
export interface RegionCount { lines: number; contentBytes: number }

/** Where pass 2's CSV goes: a file descriptor (after `start` bytes), or a stream. */
export type CsvSink = { fd: number; path?: string; start: number } | { stream: NodeJS.WritableStream };

interface Local { seq: number; bytes: ArrayBuffer; end: number; local: true }

function startWorker(workerData: MineWorkerData): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url), { workerData });
  // Run from source (the tests, tsx): Node 20 does not hand tsx's loader on to a worker, so the
  // worker loads it itself.
  const worker = JSON.stringify(new URL('./worker.ts', import.meta.url).href);
  const code = `import('tsx/esm/api').then((api) => api.tsImport(${worker}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(code, { eval: true, workerData });
}

export class MineThreads {
  private readonly workers: Worker[];
  /** Per worker, the MaskedLine of each name it handed out. */
  private memos: MaskedLine[][];

  constructor(count: number, config: MinerConfig, writeChunk: number) {
    const workerData: MineWorkerData = { config, writeChunk };
    this.workers = Array.from({ length: count }, () => startWorker(workerData));
    this.memos = this.workers.map(() => []);
  }

  /**
   * Pass 1: mines every line of `path` into `lines`; returns what it counted of each region. With
   * `scan` false, this thread masks every region itself (the workers wait for pass 2): their own
   * cold start costs more than they save on inputs of less than a few hundred megabytes.
   */
  async mine(path: string, chunk: number, miner: Miner, lines: LineIds, scan = true): Promise<RegionCount[]> {
    const counts: RegionCount[] = [];
    const sizes = new FieldBytes();
    const send = (seq: number, bytes: ArrayBuffer, end: number): [ScanJob, ArrayBuffer[]] | 'local' =>
      seq === 0 || !scan ? 'local' : [{ type: 'scan', seq, bytes, end }, [bytes]];
    await this.pipeline<ScanResult>(path, chunk, send, (r, w) => {
      if ('local' in r) {
        const before = lines.count;
        mineRegion(inLane(Buffer.from(r.bytes), r.end, miner.inputBuffer(r.end)), r.end, undefined, miner, lines, { count: 0, first: 0, physical: 0 }, sizes);
        counts.push({ lines: lines.count - before, contentBytes: sizes.total });
        return;
      }
      const memos = this.memos[w] as MaskedLine[];
      const { names, texts, freshAt, freshTokens } = r;
      let t = 0;
      let f = 0;
      let nextFresh = freshAt[0] ?? -1;
      for (let i = 0; i < names.length; i++) {
        const name = names[i] as number;
        if (name < 0) {
          lines.push(miner.add(texts[t++] as string));
          continue;
        }
        if (i === nextFresh) {
          memos[name] = maskedLine(freshTokens[f] as string[]);
          nextFresh = freshAt[++f] ?? -1;
        }
        lines.push(miner.addMasked(memos[name] as MaskedLine));
      }
      counts.push({ lines: names.length, contentBytes: r.contentBytes });
    });
    return counts;
  }

  /**
   * Pass 2: the CSV rows of the regions pass 1 counted, `tails[k]` ending the rows of id index k,
   * written to `sink`. Returns where the rows end in a file sink.
   */
  async write(path: string, chunk: number, counts: readonly RegionCount[], lines: LineIds, tails: readonly Buffer[], sink: CsvSink): Promise<number> {
    const ends = new Int32Array(tails.length);
    let total = 0;
    tails.forEach((t, k) => (ends[k] = total += t.length));
    const joined = Buffer.concat(tails as Buffer[]);
    for (const w of this.workers) w.postMessage({ type: 'tails', bytes: joined, ends } satisfies TailsJob);
    let firstLineId = 0;
    let position = 'fd' in sink ? sink.start : 0;
    await this.pipeline<RowsResult>(path, chunk, (seq, bytes, end) => {
      const count = counts[seq];
      if (count === undefined) return undefined; // the input grew after pass 1: rows end where it ended
      const perLine = lines.perLine.slice(firstLineId, firstLineId + count.lines);
      const size = rowBytes(perLine, firstLineId, ends) + count.contentBytes;
      const job: RowsJob = { type: 'rows', seq, bytes, end, perLine, firstLineId, position, size };
      if ('fd' in sink) {
        job.fd = sink.fd;
        job.path = sink.path;
      }
      firstLineId += count.lines;
      position += size;
      return [job, [bytes, perLine.buffer]];
    }, async (r) => {
      if ('local' in r || 'fd' in sink) return;
      for (const piece of r.pieces) if (!sink.stream.write(piece)) await once(sink.stream, 'drain');
    });
    return position;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /**
   * Reads `path` region by region and sends each to a worker in turn (`job` builds the message and
   * its transfer list; 'local' keeps the region on this thread; undefined stops reading), and hands
   * the results to `done` in input order.
   */
  private pipeline<R extends { seq: number; bytes: ArrayBuffer }>(
    path: string,
    chunk: number,
    job: (seq: number, bytes: ArrayBuffer, end: number) => [WorkerJob, ArrayBuffer[]] | 'local' | undefined,
    done: (result: R | Local, worker: number) => void | Promise<void>,
  ): Promise<void> {
    const workers = this.workers;
    const reader = new RegionReader(path, chunk);
    const ready = new Map<number, R | Local>();
    const maxInFlight = 2 * workers.length + 1;
    let sent = 0;
    let finished = 0;
    let eof = false;
    let busy = false;
    let stopped = false;
    return new Promise<void>((resolve, reject) => {
      const onMessage = (r: R): void => {
        ready.set(r.seq, r);
        void drain();
      };
      const onError = (err: Error): void => stop(err);
      const onExit = (code: number): void => stop(new Error(`mine worker stopped (exit code ${code})`));
      const stop = (err?: Error): void => {
        if (stopped) return;
        stopped = true;
        for (const w of workers) {
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
        }
        reader.close();
        if (err === undefined) resolve();
        else reject(err);
      };
      const pump = (): void => {
        while (!eof && sent - finished < maxInFlight) {
          const region = reader.next();
          const msg = region === undefined ? undefined : job(sent, region.bytes, region.end);
          if (region === undefined || msg === undefined) {
            eof = true;
            break;
          }
          if (msg === 'local') ready.set(sent, { seq: sent, bytes: region.bytes, end: region.end, local: true });
          else (workers[sent % workers.length] as Worker).postMessage(msg[0], msg[1]);
          sent++;
        }
        if (eof && finished === sent) stop();
      };
      const drain = async (): Promise<void> => {
        if (busy) return;
        busy = true;
        try {
          for (let r = ready.get(finished); r !== undefined && !stopped; r = ready.get(finished)) {
            ready.delete(finished);
            await done(r, finished % workers.length);
            finished++;
            reader.recycle(r.bytes);
            pump();
          }
        } catch (err) {
          stop(err as Error);
        } finally {
          busy = false;
        }
      };
      for (const w of workers) {
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
      }
      try {
        pump();
        void drain();
      } catch (err) {
        stop(err as Error);
      }
    });
  }
}

/** Bytes of `perLine`'s rows other than their Content: LineId, a comma, and the id's tail. */
function rowBytes(perLine: Uint32Array, firstLineId: number, tailEnds: Int32Array): number {
  let n = 0;
  let width = String(firstLineId + 1).length;
  let nextWidth = 10 ** width; // the first LineId one digit wider
  for (let i = 0; i < perLine.length; i++) {
    if (firstLineId + i + 1 === nextWidth) {
      width++;
      nextWidth *= 10;
    }
    const k = perLine[i] as number;
    n += (tailEnds[k] as number) - (k === 0 ? 0 : (tailEnds[k - 1] as number)) + width + 1;
  }
  return n;
}

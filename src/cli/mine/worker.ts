// A worker thread of `log-gardener mine --threads N` (threads.ts drives it). Pass 1: masks the
// lines of a region and names each masked line (LineScanner), so the thread that owns the miner
// only looks the names up; counts the bytes of the region's Content fields. Pass 2: writes the CSV
// rows of a region (CsvRows) where they belong in the output file, or hands them back for a stream.
// Regions arrive as transferred ArrayBuffers and go back the same way with the results.

import { parentPort, workerData } from 'node:worker_threads';
import { isUtf8 } from 'node:buffer';
// line-scanner.js, not the miner's index: a worker needs only the fast lane, and loads in a third
// of the time.
import type { MinerConfig } from '../../mine/config.js';
import { AS_STRING, LineScanner } from '../../mine/line-scanner.js';
import { CsvRows, FieldBytes } from './csv-rows.js';
import { CsvWriter } from './csv-writer.js';
import { bytePath, lineEnd, trimEnd, trimStart } from './line-bytes.js';
import { inLane } from './line-reader.js';
import type { RowsJob, RowsResult, ScanJob, ScanResult, WorkerJob } from './threads.js';

export interface MineWorkerData {
  config: MinerConfig;
  writeChunk: number;
}

const data = workerData as MineWorkerData;
const scanner = new LineScanner(data.config);
const sizes = new FieldBytes();
let names = new Int32Array(1 << 16);
let tails: Buffer[] = [];
let writer: CsvWriter | undefined;
/** The CSV bytes the writer has given up since the last region was sent back (stream output). */
const pieces: Uint8Array[] = [];
/** Where the writer writes in the output file (file output). */
const fileOut = { fd: -1, path: undefined as string | undefined, position: 0 };

function scanRegion(job: ScanJob): ScanResult {
  const end = job.end;
  const buf = inLane(Buffer.from(job.bytes), end, scanner.inputBuffer(end));
  const valid = isUtf8(buf.subarray(0, end));
  const texts: string[] = [];
  const freshAt: number[] = [];
  const freshTokens: string[][] = [];
  sizes.region();
  let count = 0;
  let pos = 0;
  while (pos < end) {
    const nl = lineEnd(buf, pos, end);
    const s = trimStart(buf, pos, nl);
    const e = trimEnd(buf, s, nl);
    pos = nl + 1;
    if (count === names.length) {
      const grown = new Int32Array(names.length * 2);
      grown.set(names);
      names = grown;
    }
    let name = AS_STRING;
    if (!bytePath(buf, s, e, valid)) {
      const text = buf.toString('utf8', s, e).trim();
      texts.push(text);
      sizes.text(text);
    } else {
      sizes.line(buf, s, e);
      name = scanner.scan(buf, s, e);
      if (name === AS_STRING) texts.push(buf.toString('utf8', s, e));
      else if (scanner.isNew()) {
        freshAt.push(count);
        freshTokens.push(scanner.tokens());
      }
    }
    names[count++] = name;
  }
  return { type: 'scanned', seq: job.seq, bytes: job.bytes, names: names.slice(0, count), texts, freshAt, freshTokens, contentBytes: sizes.total };
}

function writeRows(job: RowsJob): RowsResult {
  if (job.fd !== undefined) {
    fileOut.fd = job.fd;
    fileOut.path = job.path;
    fileOut.position = job.position;
  }
  const w = (writer ??= new CsvWriter(job.end, data.writeChunk, job.fd === undefined ? { pieces } : fileOut));
  while (w.cap < job.end) w.grow(0);
  w.buf.set(new Uint8Array(job.bytes, 0, job.end), 0);
  const rows = new CsvRows(job.perLine, job.perLine.length, tails, undefined, job.firstLineId);
  rows.region(w, job.end);
  w.flush();
  if (job.fd !== undefined && fileOut.position !== job.position + job.size) {
    throw new Error(`mine: rows ${job.firstLineId + 1}.. took ${fileOut.position - job.position} bytes, pass 1 counted ${job.size}`);
  }
  return { type: 'rows', seq: job.seq, bytes: job.bytes, pieces: pieces.splice(0), rows: rows.row };
}

parentPort?.on('message', (job: WorkerJob) => {
  if (job.type === 'tails') {
    tails = [];
    for (let k = 0, from = 0; k < job.ends.length; k++) {
      const to = job.ends[k] as number;
      tails.push(Buffer.from(job.bytes.buffer, job.bytes.byteOffset + from, to - from));
      from = to;
    }
  } else if (job.type === 'scan') {
    const r = scanRegion(job);
    parentPort?.postMessage(r, [r.bytes, r.names.buffer as ArrayBuffer]);
  } else {
    const r = writeRows(job);
    parentPort?.postMessage(r, [r.bytes, ...r.pieces.map((p) => p.buffer as ArrayBuffer)]);
  }
});

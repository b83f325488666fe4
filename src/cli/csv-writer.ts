// The CSV that `log-gardener mine` writes (RFC 4180 quoting), built in the buffer the input is
// read into, so a line's bytes reach the output with one copy.

import { closeSync, writeSync } from 'node:fs';
import { ReadBuffer } from './line-reader.js';

/** Most digits a LineId has (rows are counted in a Uint32Array: below 2^32). */
export const MAX_DIGITS = 10;

/** Where LineIdDigits counts a row written by CsvWriter.direct() (that row formats its own id). */
export const LINE_ID_SCRATCH = Buffer.alloc(MAX_DIGITS);

/** The LineId as ASCII digits, counted up in place (no number formatting per row). */
export class LineIdDigits {
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

/**
 * The CSV output, sharing its Buffer with the input chunk: input in [0, cap), pending output in
 * [cap, pos). (Node 20's Buffer.copy with ranges costs about four times a copyWithin per call,
 * and pass 2 copies every line.) A full buffer goes to the output file (`fd`) with writeSync or,
 * without one, to the stdout stream as a copy (the stream keeps what it is given).
 */
export class CsvWriter extends ReadBuffer {
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

// The CSV that `log-gardener mine` writes (RFC 4180 quoting), built in the buffer the input is
// read into, so a line's bytes reach the output with one copy.

import { closeSync, fstatSync, ftruncateSync, write, writeSync } from 'node:fs';
import { ReadBuffer } from './line-reader.js';

/** Most digits a LineId has (rows are counted in a Uint32Array: below 2^32). */
export const MAX_DIGITS = 10;

/** Where LineIdDigits counts a row written by CsvWriter.direct() (that row formats its own id). */
export const LINE_ID_SCRATCH = Buffer.alloc(MAX_DIGITS);

/** The LineId as ASCII digits, counted up in place (no number formatting per row). */
export class LineIdDigits {
  private readonly digits = new Uint8Array(MAX_DIGITS).fill(48);
  private first = MAX_DIGITS;

  /** Counting on from `start` (the next id is start + 1). */
  constructor(start = 0) {
    this.set(start);
  }

  /** Counts on from `v` (the next id is v + 1). */
  set(v: number): void {
    this.digits.fill(48);
    this.first = MAX_DIGITS;
    for (let i = MAX_DIGITS - 1; v > 0; v = Math.floor(v / 10), i--) {
      this.digits[i] = 48 + (v % 10);
      this.first = i;
    }
  }

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
 * Where the CSV goes: a file (written with writeSync; from `position` on, if given, which then
 * moves with each write), a stream (given copies: it keeps what it is given), or a list of copies
 * that a worker thread hands to the thread that writes (`pieces`).
 */
export type CsvOut = { fd: number; path?: string; position?: number; cut?: boolean } | { stream: NodeJS.WritableStream } | { pieces: Uint8Array[] };

/**
 * Cuts a file written over in place (not truncated when opened) where its new content ends: the
 * old file's bytes after that go. Other files (a device, a pipe) are left as they are.
 */
export function cutAt(fd: number, length: number): void {
  if (fstatSync(fd).isFile()) ftruncateSync(fd, length);
}

/** Bytes of a CsvWriter's buffer: `cap` of input, then one output area of `size`, or two to overlap. */
export function writerBytes(cap: number, size: number, overlap: boolean): number {
  return cap + (overlap ? 2 : 1) * size;
}

/**
 * The CSV output, sharing its Buffer with the input chunk: input in [0, cap), pending output in
 * [area, pos). (Node 20's Buffer.copy with ranges costs about four times a copyWithin per call,
 * and pass 2 copies every line.) A full buffer goes to `out`.
 *
 * With `overlap` (a file written at known positions), the output has two areas after the input,
 * and endRegion() hands a region's rows to libuv's threads to write while the next region's rows
 * are built in the other area: the kernel's copy of the output then runs beside the JS, on a
 * second core when there is one. A write that fails is reported at the next endRegion() or close().
 */
export class CsvWriter extends ReadBuffer {
  pos: number;
  private blocked = false;
  /** Start of the output area being filled. */
  private area: number;
  /** The write still running for the other area (overlap only). */
  private writing: Promise<void> | undefined;
  private failed: Error | undefined;

  /** `buf`, if given and large enough, is the buffer to use (CsvCore's memory, see csv-rows.ts). */
  constructor(cap: number, private readonly size: number, private readonly out: CsvOut, private readonly overlap = false, buf?: Buffer) {
    super(writerBytes(cap, size, overlap), buf);
    this.cap = cap;
    this.area = cap;
    this.pos = cap;
    if (overlap && !('fd' in out && out.position !== undefined)) throw new Error('CsvWriter: overlap needs a file and a position');
  }

  override grow(carry: number): void {
    this.flush();
    const grown = Buffer.allocUnsafe(writerBytes(this.cap * 2, this.size, this.overlap));
    this.buf.copy(grown, 0, 0, carry);
    this.buf = grown; // a write still running keeps the old buffer alive until it is done
    this.cap *= 2;
    this.area = this.cap;
    this.pos = this.cap;
  }

  /** Where the output area being filled ends: rows go in [pos, areaEnd). */
  get areaEnd(): number {
    return this.area + this.size;
  }

  /** Whether `bytes` more fit at `pos` (after a flush if need be); no means: use direct(). */
  room(bytes: number): boolean {
    const end = this.area + this.size;
    if (this.pos + bytes <= end) return true;
    this.flush();
    return this.pos + bytes <= end;
  }

  /** Writes `bytes` after what is pending, bypassing the buffer (for rows larger than it). */
  direct(bytes: Buffer): void {
    this.flush();
    this.emit(bytes, bytes.length);
  }

  flush(): void {
    if (this.pos === this.area) return;
    this.emit(this.buf.subarray(this.area, this.pos), this.pos - this.area);
    this.pos = this.area;
  }

  private emit(bytes: Buffer, length: number): void {
    const out = this.out;
    if ('pieces' in out) {
      const copy = new Uint8Array(length); // its own ArrayBuffer, so it can be transferred
      copy.set(bytes.subarray(0, length));
      out.pieces.push(copy);
    } else if ('stream' in out) {
      if (!out.stream.write(Buffer.from(bytes.subarray(0, length)))) this.blocked = true;
    } else {
      writeAll(out.fd, bytes, length, out.path, out.position);
      if (out.position !== undefined) out.position += length;
    }
  }

  /**
   * Ends a region's rows. Resolves once the buffer may take the next region's: a stream that asked
   * for back-pressure has drained, or (overlap) the other area's write is done. Undefined: at once.
   */
  endRegion(): Promise<void> | undefined {
    if (this.overlap) return this.switchArea();
    if (!this.blocked) return undefined;
    this.blocked = false;
    const out = this.out as { stream: NodeJS.WritableStream };
    return new Promise<void>((resolve) => out.stream.once('drain', resolve));
  }

  private switchArea(): Promise<void> | undefined {
    if (this.failed !== undefined) throw this.failed;
    const out = this.out as { fd: number; path?: string; position: number };
    const length = this.pos - this.area;
    const previous = this.writing;
    if (length > 0) {
      const at = out.position;
      out.position += length;
      // Caught at once (no unhandled rejection), reported by the next endRegion() or close().
      this.writing = writeAt(out.fd, this.buf, this.area, length, at, out.path).catch((err: Error) => {
        this.failed ??= err;
      });
      this.area = this.area === this.cap ? this.cap + this.size : this.cap;
      this.pos = this.area;
    }
    return previous;
  }

  /**
   * Writes what is pending and closes the output file (a stream is left open, as given). With
   * `cut`, the file is cut where the writes ended (cutAt), also after a failure: nothing of the old
   * file stays after them.
   */
  async close(): Promise<void> {
    const out = this.out;
    try {
      await this.writing;
      if (this.failed !== undefined) throw this.failed;
      this.flush();
    } finally {
      if ('fd' in out) {
        try {
          if (out.cut === true && out.position !== undefined) cutAt(out.fd, out.position);
        } finally {
          closeSync(out.fd);
        }
      }
    }
  }
}

/** writeAll on libuv's threads: `length` bytes of `bytes` from `from`, at `position` of the file. */
async function writeAt(fd: number, bytes: Buffer, from: number, length: number, position: number, path?: string): Promise<void> {
  try {
    for (let off = 0; off < length;) {
      const { bytesWritten } = await new Promise<{ bytesWritten: number }>((resolve, reject) => {
        write(fd, bytes, from + off, length - off, position + off, (err, bytesWritten) => (err ? reject(err) : resolve({ bytesWritten })));
      });
      off += bytesWritten;
    }
  } catch (err) {
    (err as NodeJS.ErrnoException).path ??= path;
    throw err;
  }
}

/**
 * Writes `length` bytes to `fd`, at `position` if given (else at the file's offset); an error names
 * `path` (the output, not the input).
 */
export function writeAll(fd: number, bytes: Uint8Array, length: number, path?: string, position?: number): void {
  try {
    for (let off = 0; off < length;) off += writeSync(fd, bytes, off, length - off, position === undefined ? null : position + off);
  } catch (err) {
    (err as NodeJS.ErrnoException).path ??= path;
    throw err;
  }
}

/** RFC 4180 quoting: only fields that need it are quoted, quotes are doubled. */
export function csvField(v: string): string {
  // One native search per field (a per-character JS loop costs more than the rest of the row).
  return NEEDS_QUOTES.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
}
const NEEDS_QUOTES = /[",\r\n]/;

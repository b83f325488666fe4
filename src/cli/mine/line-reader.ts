// Reading a file line by line in chunks, never the whole file in memory: as bytes of one reused
// buffer (what `log-gardener mine` and bench:mine feed the miner), or as decoded strings (the
// reference the byte path is tested against).

import { closeSync, createReadStream, openSync, read, readSync } from 'node:fs';

/** Bytes per read: large enough that the per-chunk costs (a read, a UTF-8 check) vanish. */
export const READ_CHUNK = 8 << 20;

/**
 * Input bytes live in [0, cap) of `buf`; grow() doubles cap and keeps the first `carry` bytes.
 * `buf` may be given: the miner's own memory (Miner.inputBuffer), where it reads lines in place.
 */
export class ReadBuffer {
  buf: Buffer;
  cap: number;

  constructor(cap: number, buf?: Buffer) {
    this.buf = buf !== undefined && buf.length >= cap ? buf : Buffer.allocUnsafe(cap);
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
 * With a `spare` buffer the next chunk is read into it on libuv's threads while `onRegion` works
 * on the current one (the two then swap): the read's copy runs beside the work, on a second core
 * when there is one.
 */
export async function forEachRegion(path: string, chunk: number, input: ReadBuffer, onRegion: (buf: Buffer, end: number) => void | Promise<void>, spare?: ReadBuffer): Promise<void> {
  const fd = openSync(path, 'r');
  try {
    let cur = input;
    let other = spare;
    let carry = 0;
    let got = readSync(fd, cur.buf, 0, Math.min(chunk, cur.cap), null);
    for (;;) {
      const buf = cur.buf;
      if (got === 0) {
        if (carry > 0) await onRegion(buf, carry);
        return;
      }
      const have = carry + got;
      const last = buf.lastIndexOf(10, have - 1);
      if (last < carry) {
        carry = have; // no line ends in the new bytes (the carried bytes hold no '\n')
        if (carry === cur.cap) cur.grow(carry);
        got = readSync(fd, cur.buf, carry, Math.min(chunk, cur.cap - carry), null);
        continue;
      }
      const next = have - (last + 1);
      if (other === undefined) {
        await onRegion(buf, last + 1);
        buf.copyWithin(0, last + 1, have);
        carry = next;
        if (carry === cur.cap) cur.grow(carry);
        got = readSync(fd, cur.buf, carry, Math.min(chunk, cur.cap - carry), null);
        continue;
      }
      while (other.cap <= next) other.grow(0);
      buf.copy(other.buf, 0, last + 1, have);
      const ahead = readAhead(fd, other.buf, next, Math.min(chunk, other.cap - next));
      try {
        await onRegion(buf, last + 1);
      } finally {
        got = await ahead; // never leave a read running on a file about to be closed
      }
      [cur, other] = [other, cur];
      carry = next;
    }
  } finally {
    closeSync(fd);
  }
}

/** readSync on libuv's threads. */
function readAhead(fd: number, buf: Buffer, offset: number, length: number): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, buf, offset, length, null, (err, bytesRead) => (err ? reject(err) : resolve(bytesRead)));
  });
}

/**
 * Regions of whole lines as forEachRegion finds them, but each in an ArrayBuffer of its own, so a
 * region can be handed to a worker thread (transferred, not copied) while the next one is read.
 * Buffers given back with recycle() are reused. Reading the same file twice yields the same regions.
 */
export class RegionReader {
  private readonly fd: number;
  /** Bytes after the last '\n' of the previous region (the start of a line). */
  private carry = Buffer.alloc(0);
  private done = false;
  private readonly free: ArrayBuffer[] = [];

  constructor(path: string, private readonly chunk: number) {
    this.fd = openSync(path, 'r');
  }

  /** The next region, lines in bytes [0, end) of `bytes`; undefined after the last. */
  next(): { bytes: ArrayBuffer; end: number } | undefined {
    if (this.done) return undefined;
    let bytes = this.take(this.carry.length + this.chunk);
    let buf = Buffer.from(bytes);
    let have = this.carry.copy(buf, 0);
    for (;;) {
      if (have === buf.length) {
        const grown = new ArrayBuffer(buf.length * 2); // a line longer than the buffer
        new Uint8Array(grown).set(buf);
        bytes = grown;
        buf = Buffer.from(grown);
      }
      const got = readSync(this.fd, buf, have, Math.min(this.chunk, buf.length - have), null);
      if (got === 0) {
        this.done = true;
        this.carry = Buffer.alloc(0);
        if (have > 0) return { bytes, end: have };
        this.recycle(bytes);
        return undefined;
      }
      const last = buf.lastIndexOf(10, have + got - 1);
      if (last < have) {
        have += got; // no line ends in the new bytes
        continue;
      }
      this.carry = Buffer.from(buf.subarray(last + 1, have + got));
      return { bytes, end: last + 1 };
    }
  }

  recycle(bytes: ArrayBuffer): void {
    if (bytes.byteLength > 0) this.free.push(bytes);
  }

  close(): void {
    closeSync(this.fd);
  }

  private take(min: number): ArrayBuffer {
    for (let i = 0; i < this.free.length; i++) {
      const b = this.free[i] as ArrayBuffer;
      if (b.byteLength >= min) {
        this.free.splice(i, 1);
        return b;
      }
    }
    return new ArrayBuffer(Math.max(min, this.chunk + (this.chunk >> 3)));
  }
}

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
 * `buf[0, end)` copied into `lane` (the miner's or scanner's own memory, where lines are masked
 * in place: one copy per region instead of one per line), or `buf` itself if there is no room.
 */
export function inLane(buf: Buffer, end: number, lane: Buffer | undefined): Buffer {
  if (lane === undefined) return buf;
  buf.copy(lane, 0, 0, end);
  return lane;
}

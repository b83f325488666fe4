// Pass 2 of `log-gardener mine`: the rows of a region of whole lines, written into the CsvWriter
// that holds the region (input in [0, end), output after it), so a line's bytes reach the output
// with one copyWithin. Used by the command itself and by its worker threads (threads.ts),
// which give each region its first LineId and the id indexes of its lines.

import type { LogFormat } from '../../mine/log-format.js';
import { type CsvWriter, LINE_ID_SCRATCH, LineIdDigits, MAX_DIGITS, csvField } from './csv-writer.js';
import { bytePath, lineEnd, trimEnd, trimStart } from './line-bytes.js';
import { isUtf8 } from 'node:buffer';
import { type CsvCore, ROWS_JS_LINE, ROWS_LINE_END, ROWS_OUT, ROWS_POS, ROWS_ROW } from './csv-core.js';

export class CsvRows {
  /** Index in `perLine` of the next row. */
  row = 0;
  private readonly lineId: LineIdDigits;
  private readonly quoting = new Quoting();

  /**
   * @param perLine id index of each row (pass 1), from this writer's first row
   * @param rows how many rows to write (the input may have grown since pass 1)
   * @param tails per id index, the bytes that end its rows: ",EventId,EventTemplate\n"
   * @param firstLineId the LineId of the row before the first
   * @param core where the writer's buffer is CsvCore's memory, the rows of lines written as bytes
   *   are built in WebAssembly; the others (and every line with a log format) here
   */
  constructor(
    private readonly perLine: Uint32Array,
    private readonly rows: number,
    private readonly tails: readonly Buffer[],
    private readonly format: LogFormat | undefined,
    private readonly firstLineId = 0,
    private readonly core?: CsvCore,
  ) {
    this.lineId = new LineIdDigits(firstLineId);
  }

  /** Writes the rows of the whole lines in `w.buf[0, end)`. */
  region(w: CsvWriter, end: number): void {
    const buf = w.buf;
    this.quoting.region();
    const core = this.core;
    if (core !== undefined && this.format === undefined && buf.buffer === core.buffer) {
      this.coreRegion(core, w, end);
      return;
    }
    const valid = isUtf8(buf.subarray(0, end));
    let pos = 0;
    while (pos < end && this.row < this.rows) {
      const nl = lineEnd(buf, pos, end);
      this.line(w, pos, nl, valid);
      pos = nl + 1;
    }
  }

  /**
   * The region's rows built by CsvCore, which stops at a line to be written as a string and at a
   * row that does not fit the output area: this writes that one row (flushing the area) and goes on.
   */
  private coreRegion(core: CsvCore, w: CsvWriter, end: number): void {
    const base = w.buf.byteOffset;
    const st = core.state;
    // Whether the region is valid UTF-8 matters only for a line with bytes that are not ASCII:
    // until one stops the module (as not known valid), an ASCII region is never checked.
    let valid: boolean | undefined;
    let pos = 0;
    while (pos < end && this.row < this.rows) {
      const status = core.rows(base + pos, base + end, this.row, this.rows, base + w.pos, base + w.areaEnd, valid === true ? 1 : 0, this.firstLineId);
      pos = (st[ROWS_POS] as number) - base;
      this.row = st[ROWS_ROW] as number;
      w.pos = (st[ROWS_OUT] as number) - base;
      if (status === 0) break;
      const nl = status === ROWS_JS_LINE ? (st[ROWS_LINE_END] as number) - base : lineEnd(w.buf, pos, end);
      this.lineId.set(this.firstLineId + this.row);
      valid ??= isUtf8(w.buf.subarray(0, end));
      this.line(w, pos, nl, valid);
      pos = nl + 1;
    }
  }

  /** Writes the row of the line `w.buf[lineStart, nl)` (none for a line the log format does not match). */
  private line(w: CsvWriter, lineStart: number, nl: number, valid: boolean): void {
    const buf = w.buf;
    const format = this.format;
    const quoting = this.quoting;
    let field: string | undefined;
    let s = 0;
    let e = 0;
    if (format === undefined) {
      s = trimStart(buf, lineStart, nl);
      e = trimEnd(buf, s, nl);
      if (!bytePath(buf, s, e, valid)) field = csvField(buf.toString('utf8', s, e).trim());
    } else {
      const content = format.content(buf.toString('utf8', lineStart, nl).trim());
      if (content === undefined) return;
      field = csvField(content);
    }
    const tail = this.tails[this.perLine[this.row++] as number] as Buffer;
    if (field !== undefined) {
      if (!w.room(MAX_DIGITS + 1 + 3 * field.length + tail.length)) {
        this.direct(w, field, tail);
        return;
      }
      let p = this.lineId.next(buf, w.pos);
      buf[p++] = 44;
      w.pos = p + buf.write(field, p);
    } else {
      if (!w.room(MAX_DIGITS + 3 + 2 * (e - s) + tail.length)) {
        this.direct(w, csvField(buf.toString('utf8', s, e)), tail);
        return;
      }
      let p = this.lineId.next(buf, w.pos);
      buf[p++] = 44;
      let q = quoting.firstQuote(buf, s, e);
      if (q >= 0) {
        // Quoted, every '"' doubled: copy up to and including each quote, then one more.
        buf[p++] = 34;
        let from = s;
        for (; q !== -1 && q < e; q = buf.indexOf(34, q + 1)) {
          buf.copyWithin(p, from, q + 1);
          p += q + 1 - from;
          buf[p++] = 34;
          from = q + 1;
        }
        quoting.quotesPassed(q);
        buf.copyWithin(p, from, e);
        p += e - from;
        buf[p++] = 34;
      } else if (quoting.commaOrCr(buf, s, e)) {
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

  /** A row too large for the buffer: formatted on its own and written past it. */
  private direct(w: CsvWriter, field: string, tail: Buffer): void {
    const digits = this.lineId.next(LINE_ID_SCRATCH, 0);
    w.direct(Buffer.concat([LINE_ID_SCRATCH.subarray(0, digits), Buffer.from(`,${field}`), tail]));
  }
}

/**
 * Which fields written as bytes need quoting ('"', ',' or CR inside), for CsvRows and FieldBytes
 * alike, so the rows and the count of their bytes cannot disagree. The next position of each such
 * byte is searched again only once the lines pass it: a rare byte costs about one search per region.
 */
class Quoting {
  private nextQuote = -1;
  private nextSpecial = -1;

  region(): void {
    this.nextQuote = -1;
    this.nextSpecial = -1;
  }

  /** The first '"' in `buf[s, e)`, or -1; the caller walks the rest and calls quotesPassed(). */
  firstQuote(buf: Buffer, s: number, e: number): number {
    if (this.nextQuote < s) this.nextQuote = indexOrMax(buf, 34, s);
    return this.nextQuote < e ? this.nextQuote : -1;
  }

  /** The walk over a field's '"'s stopped at `q`: the first one past the field, or -1 (none left). */
  quotesPassed(q: number): void {
    this.nextQuote = q === -1 ? Number.MAX_SAFE_INTEGER : q;
  }

  /** Whether `buf[s, e)` holds ',' or CR. */
  commaOrCr(buf: Buffer, s: number, e: number): boolean {
    if (this.nextSpecial < s) this.nextSpecial = Math.min(indexOrMax(buf, 44, s), indexOrMax(buf, 13, s));
    return this.nextSpecial < e;
  }
}

/**
 * The bytes of the Content fields CsvRows will write, counted in pass 1 so that pass 2's threads
 * know where each region's rows start in the output (threads.ts). Call region() before each
 * region's lines (it starts `total` over), then line() for a line written as bytes and text() for
 * one written as a string.
 */
export class FieldBytes {
  total = 0;
  private readonly quoting = new Quoting();

  region(): void {
    this.total = 0;
    this.quoting.region();
  }

  /** The line `buf[s, e)`, as CsvRows copies it: quoted if need be, each '"' doubled. */
  line(buf: Buffer, s: number, e: number): void {
    let n = e - s;
    let q = this.quoting.firstQuote(buf, s, e);
    if (q >= 0) {
      for (; q !== -1 && q < e; q = buf.indexOf(34, q + 1)) n++;
      this.quoting.quotesPassed(q);
      n += 2;
    } else if (this.quoting.commaOrCr(buf, s, e)) n += 2;
    this.total += n;
  }

  text(field: string): void {
    this.total += Buffer.byteLength(csvField(field));
  }
}

function indexOrMax(buf: Buffer, byte: number, from: number): number {
  const i = buf.indexOf(byte, from);
  return i === -1 ? Number.MAX_SAFE_INTEGER : i;
}

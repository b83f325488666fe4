// The WebAssembly half of pass 2 (assembly/csv.ts, compiled into csv-wasm.ts): a memory that holds
// pass 1's id index per row, the bytes that end each id's rows, and the CsvWriter's buffer (the
// region read and the rows built), so the rows of a region are written in one call. CsvRows drives
// it and writes the few lines it leaves (see there).

import { WasmModule, align } from '../../core/wasm-module.js';
import { CSV_WASM } from './csv-wasm.js';

interface CsvExports {
  layout(perLine: number, tails: number, state: number): void;
  rows(pos: number, end: number, row: number, rowCount: number, out: number, outEnd: number, valid: number, firstId: number): number;
}

/** rows() results besides 0 (the lines or the rows ran out). */
export const ROWS_JS_LINE = -1;
export const ROWS_OUT_FULL = -2;
/** Slots of the state block. */
export const ROWS_POS = 0;
export const ROWS_ROW = 1;
export const ROWS_OUT = 2;
export const ROWS_LINE_END = 3;

const STATE_AT = 64;
const PER_LINE_AT = 1024;

const MODULE = new WasmModule<CsvExports>(CSV_WASM);

export class CsvCore {
  /** The memory's bytes: CsvWriter's buffer is a view of them (`io`). */
  readonly buffer: ArrayBuffer;
  readonly io: Buffer;
  readonly state: Int32Array;
  readonly rows: CsvExports['rows'];

  /**
   * @param perLine id index of each of the `count` rows (pass 1)
   * @param tails per id index, the bytes that end its rows
   * @param ioBytes the CsvWriter's buffer: input region and output areas
   */
  constructor(perLine: Uint32Array, count: number, tails: readonly Buffer[], ioBytes: number) {
    const tailIndexAt = align(PER_LINE_AT + 4 * count);
    let tailBytesAt = align(tailIndexAt + 8 * tails.length);
    const tailBytes = tails.reduce((n, t) => n + t.length, 0);
    const ioAt = align(tailBytesAt + tailBytes);
    const { buffer, exports } = MODULE.instantiate(ioAt + ioBytes);
    this.buffer = buffer;
    const u8 = new Uint8Array(this.buffer);
    new Uint32Array(this.buffer, PER_LINE_AT, count).set(perLine.subarray(0, count));
    const index = new Int32Array(this.buffer, tailIndexAt, 2 * tails.length);
    tails.forEach((t, k) => {
      index[2 * k] = tailBytesAt;
      index[2 * k + 1] = t.length;
      u8.set(t, tailBytesAt);
      tailBytesAt += t.length;
    });
    this.io = Buffer.from(this.buffer, ioAt, ioBytes);
    this.state = new Int32Array(this.buffer, STATE_AT, 4);
    exports.layout(PER_LINE_AT, tailIndexAt, STATE_AT);
    this.rows = exports.rows;
  }
}

// The WebAssembly half of the fast lane (assembly/scan.ts, compiled into scan-wasm.ts): one
// instance per FastLane, with a memory of its own that holds the byte-class tables, the ids of the
// line, the line trie, the shapes table, the first-token cache and room for input. JS reads and
// writes the same bytes through the views below, so the tables are shared, never copied.
//
// The memory is sized once, for the memos' limits (FastLaneLimits), and never grows: growing would
// detach every view. Pages nobody touched cost no RAM, so a limit reserves address space only.

import { NODE_INTS } from './line-trie.js';
import { SCAN_WASM } from './scan-wasm.js';
import { WasmModule, align } from '../core/wasm-module.js';

interface ScanExports {
  layout(idsCap: number, nodes: number, edges: number, rec: number, arena: number, shape: number, first: number): void;
  scan(start: number, end: number, root: number, maxTokens: number, edgeMask: number, recMask: number): number;
  resume(out: number, key: number, recMask: number): number;
  scanLines(start: number, end: number, root: number, maxTokens: number, maxLength: number, edgeMask: number, recMask: number, out: number, cap: number): number;
  resumeLines(out: number, key: number, recMask: number): number;
}

/** scan() / resume() results other than a token count. */
export const CORE_AS_STRING = -1;
export const CORE_NEED = -2;
/** What JS must work out about the token in the state block after CORE_NEED (assembly/scan.ts). */
export const NEED_LEARN = 1;
export const NEED_SHAPE = 2; // the shape is in `shape`, STATE_SHAPE_LENGTH bytes, hashed in STATE_HASH
export const NEED_EXACT = 3;
/** Slots of the state block. */
export const STATE_NODE = 0;
export const STATE_DEPTH = 1;
export const STATE_TOKEN_START = 2;
export const STATE_TOKEN_END = 3;
export const STATE_SEEN = 4;
export const STATE_HASH = 5;
export const STATE_NEED = 6;
export const STATE_KEY = 7;
export const STATE_BATCH_POS = 8;
export const STATE_SHAPE_LENGTH = 9;
/** scanLines records (three i32 per line: this or a trie node, then the trimmed line's bytes). */
export const LINE_STRING = -1;
export const LINE_AGAIN = -2;

export interface ScanCoreSizes {
  /** Ids of a line: maxTokens + 2. */
  ids: number;
  /** Bytes for a line copied in from elsewhere (maxLineLength). */
  scratch: number;
  /** Bytes for the shape of a token (2 * maxLineLength + 2: a coarse run adds one byte). */
  shape: number;
  /** Trie nodes (NODE_INTS i32 each) and edge slots (3 i32 each). */
  nodes: number;
  edgeSlots: number;
  /** Shapes-table slots (4 i32 each) and key bytes (byte-table.ts). */
  recSlots: number;
  arena: number;
  /** Bytes of input a reader can place in this memory (FastLane.inputBuffer). */
  input: number;
  /** Lines scanLines records per call. */
  lines: number;
}

// The small tables' offsets: assembly/scan.ts has the same numbers as constants (the loads carry them).
const CLS_AT = 64;
const SCAN_CLS_AT = 512; // u16[256]
const DIGIT_AT = 1024;
const STATE_AT = 1280;
const LEAD_AT = 1408; // u8[128]
const TRAIL_AT = 1536; // u8[128]
const IDS_AT = 2048;

/** Slots of the first-token cache (assembly/scan.ts, FIRST_SLOTS_MASK + 1 there), 32 bytes each. */
const FIRST_SLOTS = 4096;

const MODULE = new WasmModule<ScanExports>(SCAN_WASM);

export class ScanCore {
  /** The memory's bytes; a view of them is a line scan() reads in place. */
  readonly buffer: ArrayBuffer;
  readonly u8: Uint8Array;
  readonly state: Int32Array;
  readonly ids: Int32Array;
  readonly nodes: Int32Array;
  readonly edges: Int32Array;
  readonly rec: Int32Array;
  readonly arena: Uint8Array;
  /** Where the scan builds a token's shape (NEED_SHAPE: the shape to learn is here). */
  readonly shape: Uint8Array;
  /** scanLines records, and their offset in memory. */
  readonly lines: Int32Array;
  readonly linesAt: number;
  /** Offsets in `u8` of the scratch line and of the input area. */
  readonly scratchAt: number;
  readonly inputAt: number;
  readonly inputBytes: number;
  /** The scan's first-token cache: what the trie's edges and the shapes table answer for a line's first two tokens. */
  private readonly firstTokens: Uint8Array;
  readonly scan: ScanExports['scan'];
  readonly resume: ScanExports['resume'];
  readonly scanLines: ScanExports['scanLines'];
  readonly resumeLines: ScanExports['resumeLines'];

  /** The tables are the fast lane's: byte classes, digits as '1', and what masking strips around a value. */
  constructor(sizes: ScanCoreSizes, tables: { cls: Uint8Array; scanCls: Uint16Array; digitAsOne: Uint8Array; lead: Uint8Array; trail: Uint8Array }) {
    let at = IDS_AT + 4 * sizes.ids;
    const take = (bytes: number): number => {
      const start = align(at);
      at = start + bytes;
      return start;
    };
    this.scratchAt = take(sizes.scratch);
    const shapeAt = take(sizes.shape);
    const nodesAt = take(4 * NODE_INTS * sizes.nodes);
    const edgesAt = take(12 * sizes.edgeSlots);
    const recAt = take(16 * sizes.recSlots);
    const arenaAt = take(sizes.arena);
    this.linesAt = take(12 * sizes.lines);
    const firstAt = take(32 * FIRST_SLOTS);
    this.inputAt = take(sizes.input + 16); // the scan reads up to 15 bytes past a token (SIMD compares)
    this.inputBytes = sizes.input;
    const { buffer: buf, exports } = MODULE.instantiate(at);
    this.buffer = buf;
    this.u8 = new Uint8Array(buf);
    this.u8.set(tables.cls, CLS_AT);
    new Uint16Array(buf, SCAN_CLS_AT, 256).set(tables.scanCls);
    this.u8.set(tables.digitAsOne, DIGIT_AT);
    this.u8.set(tables.lead, LEAD_AT);
    this.u8.set(tables.trail, TRAIL_AT);
    this.state = new Int32Array(buf, STATE_AT, 10);
    this.shape = new Uint8Array(buf, shapeAt, sizes.shape);
    this.ids = new Int32Array(buf, IDS_AT, sizes.ids);
    this.nodes = new Int32Array(buf, nodesAt, NODE_INTS * sizes.nodes);
    this.edges = new Int32Array(buf, edgesAt, 3 * sizes.edgeSlots);
    this.rec = new Int32Array(buf, recAt, 4 * sizes.recSlots);
    this.arena = new Uint8Array(buf, arenaAt, sizes.arena);
    this.lines = new Int32Array(buf, this.linesAt, 3 * sizes.lines);
    this.firstTokens = new Uint8Array(buf, firstAt, 32 * FIRST_SLOTS);
    exports.layout(sizes.ids, nodesAt, edgesAt, recAt, arenaAt, shapeAt, firstAt);
    this.scan = exports.scan;
    this.resume = exports.resume;
    this.scanLines = exports.scanLines;
    this.resumeLines = exports.resumeLines;
  }

  /** Empties the first-token cache: whenever the line trie or the shapes table starts over. */
  clearFirstTokens(): void {
    this.firstTokens.fill(0);
  }
}

// The miner's fast lane: mines a line straight from the bytes it was read as, without building a
// string per line or per token, and gives the same answer as the string path (Miner.add) — tested
// line by line on Loghub and the benchmark corpus (fast-lane.test.ts, test/eval/loghub.test.ts).
//
// Two memos make that possible:
//  1. token SHAPE → masked token (token-shape.ts says what a shape keeps). Masking is a function of
//     the shape, so an IP, a port, a duration or a hex id costs one byte scan and one table probe
//     instead of a slice, a rule chain and regexes. A shape whose output copies a collapsed
//     character ("ssh2") is marked unsafe and looked up by its exact bytes instead.
//  2. a line's masked tokens (as small ints, in a trie: line-trie.ts) → the cluster the string
//     path chose, valid while what decided it is unchanged: the leaf it was matched in (its
//     version), or, for a line that took the creation way without changing anything, the whole
//     structure (the miner's epoch). A hit then does exactly what the string path would: count
//     the line and touch the cluster's LRU tick.
// Lines the lane does not handle byte-wise go to the string path: non-ASCII bytes, the words true /
// false / null (masked by a second pass there), month names (dates written with spaces), too long
// or too many tokens.
//
// The scan runs in WebAssembly (assembly/scan.ts via scan-core.ts), shapes included: the tables it
// reads (the line trie, the shapes table) live in that module's memory, and this class writes
// them through views when it learns a word, a value or a shape the scan stopped at. Together with
// the batches and pass 2's rows it took a quarter of the instructions off a `mine` run over
// 100,000 lines (docs/mining.md).

import { BytesTable, DIGIT_AS_ONE, maxSlots } from './byte-table.js';
import { LineTrie, ROOT_ROOM, maxEdgeSlots } from './line-trie.js';
import { CORE_NEED, NEED_EXACT, NEED_SHAPE, STATE_BATCH_POS, STATE_DEPTH, STATE_HASH, STATE_NEED, STATE_NODE, STATE_SEEN, STATE_SHAPE_LENGTH, STATE_TOKEN_END, STATE_TOKEN_START, ScanCore } from './scan-core.js';
import type { Cluster, Leaf } from './cluster.js';
import { LEAD, TRAIL, maskToken, typed } from './mask.js';
import { tokenShape } from './token-shape.js';

// Byte classes of the scan.
// One bit each: pass 1 ORs the classes of a token together. assembly/scan.ts uses the same bits
// (the tables themselves it reads from memory, written there from these).
const SPACE = 1; // ASCII control characters and space separate tokens (as in tokenize.ts)
const DIGIT = 2;
const TRIGGER = 4; // '/', '@', '\': sent to masking even without a digit (tokenize.ts)
const HEX_LOWER = 8;
const HEX_UPPER = 16;
const LETTER = 32;
const NON_ASCII = 64;
const OTHER = 128; // punctuation
const CLS = new Uint8Array(256);
CLS.fill(OTHER);
for (let c = 0; c <= 32; c++) CLS[c] = SPACE;
for (let c = 48; c <= 57; c++) CLS[c] = DIGIT;
for (let c = 65; c <= 90; c++) CLS[c] = c <= 70 ? HEX_UPPER : LETTER;
for (let c = 97; c <= 122; c++) CLS[c] = c <= 102 ? HEX_LOWER : LETTER;
CLS[47] = TRIGGER;
CLS[64] = TRIGGER;
CLS[92] = TRIGGER;
for (let c = 128; c < 256; c++) CLS[c] = NON_ASCII;
/** The classes again, with one more bit for 'x' and 'X' (a digit before one can change a shape). */
const X_LETTER = 256;
const SCAN_CLS = Uint16Array.from(CLS);
SCAN_CLS[120] = LETTER | X_LETTER;
SCAN_CLS[88] = LETTER | X_LETTER;

const MONTHS = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);

/** Lines per scanLines() call: enough that the call costs nothing per line, few enough to stay in cache. */
const LINE_RECORDS = 2048;

/** A shape whose masked form depends on more than the shape: look the token up by its bytes. */
const UNSAFE = -1;
/** A word that makes the string path take the line (true / false / null, a month name). */
const STRING_PATH = -2;
const NUM_ID = 0;
const FNV_OFFSET = 0x011c9dc5; // FNV-1a's offset basis, cut to a small integer
const FNV_PRIME = 16777619;
/** Hashes stay within 30 bits: small integers everywhere, never boxed. */
const HASH_BITS = 0x3fffffff;

export interface FastLaneLimits {
  /** Distinct token shapes (and exact tokens) remembered before the memos start over. */
  maxShapes: number;
  /** Line-trie nodes (masked line prefixes) remembered before the line memo starts over. */
  maxLines: number;
  /** Room for input in the lane's memory (inputBuffer): two of the `mine` command's read chunks. */
  inputBytes: number;
}

export const DEFAULT_LANE_LIMITS: FastLaneLimits = { maxShapes: 1 << 16, maxLines: 1 << 20, inputBytes: 16 << 20 };

export class FastLane {
  /** ids[1..n] = masked token ids of the last scanned line. */
  readonly ids: Int32Array;
  /** Trie node of the last scanned line's longest known prefix, and that prefix's length. */
  private node = -1;
  private depth = 0;
  /** Room for the shape of a number with punctuation (settleToken). */
  private readonly shape: Uint8Array;
  private readonly shapes: BytesTable;
  private readonly exact: BytesTable;
  private readonly lines: LineTrie;
  /** The WebAssembly scan and the memory it shares with the tables above. */
  private readonly core: ScanCore;
  /** Masked token strings by id (id 0 is the number marker). */
  private outputs: string[] = [];
  private outputIds = new Map<string, number>();
  private needsClear = false;
  /** Times the memos were full and started over (bounded memory, see FastLaneLimits). */
  resets = 0;
  /** Where the last scanLines() stopped (an offset in its buffer). */
  batchEnd = 0;
  private readonly batchChecks = new Int32Array(LINE_RECORDS);

  constructor(maxTokens: number, maxLineLength: number, limits: FastLaneLimits = DEFAULT_LANE_LIMITS) {
    const arena = limits.maxShapes * 32;
    this.core = new ScanCore(
      {
        ids: maxTokens + 2, lines: LINE_RECORDS, scratch: maxLineLength, shape: 2 * maxLineLength + 2, nodes: limits.maxLines + ROOT_ROOM,
        edgeSlots: maxEdgeSlots(limits.maxLines), recSlots: maxSlots(limits.maxShapes), arena, input: limits.inputBytes,
      },
      { cls: CLS, scanCls: SCAN_CLS, digitAsOne: DIGIT_AS_ONE, lead: LEAD, trail: TRAIL },
    );
    this.ids = this.core.ids;
    this.shape = new Uint8Array(2 * maxLineLength + 2); // a coarse run adds one byte
    this.shapes = new BytesTable(limits.maxShapes, arena, this.core);
    this.exact = new BytesTable(limits.maxShapes, arena);
    this.lines = new LineTrie(limits.maxLines, this.core);
    this.resetOutputs();
  }

  /**
   * Masks the line `b[start, end)` into `ids` (see there) while walking the line trie. Returns the
   * token count, or -1 if the line must take the string path (then nothing about it was recorded).
   * The per-byte work runs in WebAssembly (assembly/scan.ts, see scan-core.ts); it stops at the
   * few tokens it cannot read from the tables, and settleToken() works those out here. A line in
   * this lane's own memory (inputBuffer) is read in place; any other is copied in first.
   */
  scan(b: Uint8Array, start: number, end: number, partition: number, maxTokens: number): number {
    if (this.needsClear) this.clear();
    const core = this.core;
    let at: number;
    if (b.buffer === core.buffer) at = b.byteOffset + start;
    else {
      at = core.scratchAt;
      core.u8.set(b.subarray(start, end), at);
    }
    const root = this.root(partition);
    let r = core.scan(at, at + (end - start), root, maxTokens, this.lines.edgeMask, this.shapes.mask);
    while (r === CORE_NEED) {
      const out = this.settleToken();
      if (out === STRING_PATH) return -1;
      r = core.resume(out, -1, this.shapes.mask);
    }
    if (r < 0) return -1;
    this.node = core.state[STATE_NODE] as number;
    this.depth = core.state[STATE_DEPTH] as number;
    return r;
  }

  /**
   * Masks every line of `b[start, end)` (whole lines, '\n'-separated; `b` must be in this lane's
   * memory, see inputBuffer) as scan() would, until LINE_RECORDS lines are recorded in `records`:
   * per line the trie node of the whole masked line, or LINE_STRING (the string path takes it) or
   * LINE_AGAIN (the trie does not hold all of it: scan it again on its own), then its bytes
   * [s, e), ASCII-trimmed, as offsets in `b`. Returns how many; `batchEnd` is where it stopped.
   * One call into WebAssembly per batch instead of one per line: the caller's loop over the
   * records only looks the nodes' outcomes up.
   */
  scanLines(b: Uint8Array, start: number, end: number, partition: number, maxTokens: number, maxLineLength: number): number {
    if (this.needsClear) this.clear();
    const core = this.core;
    const base = b.byteOffset;
    const root = this.root(partition);
    let r = core.scanLines(base + start, base + end, root, maxTokens, maxLineLength, this.lines.edgeMask, this.shapes.mask, core.linesAt, LINE_RECORDS);
    while (r === CORE_NEED) r = core.resumeLines(this.settleToken(), -1, this.shapes.mask);
    const rec = core.lines;
    for (let k = 0; k < 3 * r; k += 3) {
      rec[k + 1] = (rec[k + 1] as number) - base;
      rec[k + 2] = (rec[k + 2] as number) - base;
    }
    this.batchEnd = (core.state[STATE_BATCH_POS] as number) - base;
    return r;
  }

  /**
   * The trie root of a partition. With no room left for another root, the memos start over at
   * once: a scan starts between lines, which is when they may.
   */
  private root(partition: number): number {
    const r = this.lines.root(partition);
    if (r >= 0) return r;
    this.clear();
    return this.lines.root(partition);
  }

  /** scanLines' records (see there). */
  get records(): Int32Array {
    return this.core.lines;
  }

  /** Whether `b` lies in this lane's memory, where scan() and scanLines() read it in place. */
  holds(b: Uint8Array): boolean {
    return b.buffer === this.core.buffer;
  }

  /**
   * For each line of the last scanLines(), into `batchChecks`: the index of its remembered cluster
   * (checkedCluster) if found valid in `era` before, else -1 (LineTrie.checkAll).
   */
  checkBatch(count: number, era: number): Int32Array {
    this.lines.checkAll(this.core.lines, count, era, this.batchChecks);
    return this.batchChecks;
  }

  checkedCluster(k: number): Cluster {
    return this.lines.checkedCluster(k);
  }

  /** The outcome remembered for the whole masked line at trie `node`, if still valid at `epoch` (in `era`, Miner.era). */
  terminalAt(node: number, epoch: number, era: number): Cluster | undefined {
    return this.lines.terminal(node, epoch, era);
  }

  /**
   * A bytes buffer of `size` in this lane's memory, where scan() reads lines without copying them,
   * or undefined if `size` is more than the lane has room for (FastLaneLimits.inputBytes).
   */
  inputBuffer(size: number): Buffer | undefined {
    const core = this.core;
    return size <= core.inputBytes ? Buffer.from(core.buffer, core.inputAt, size) : undefined;
  }

  /**
   * The masked id of the token the WebAssembly scan stopped at (its bytes are in the core's
   * memory): a word or value the shapes table does not know yet, a shape the scan built that the
   * table does not hold yet (paths, URLs, UUIDs, hex, letters with digits), or one whose shape says
   * to look it up by its exact bytes.
   */
  private settleToken(): number {
    const core = this.core;
    const st = core.state;
    const b = core.u8;
    const ts = st[STATE_TOKEN_START] as number;
    const te = st[STATE_TOKEN_END] as number;
    const need = st[STATE_NEED] as number;
    const h = st[STATE_HASH] as number;
    let out: number;
    if (need === NEED_EXACT) return this.exactOutput(b, ts, te - ts);
    if (need === NEED_SHAPE) out = this.learnShape(b, ts, te - ts, core.shape, st[STATE_SHAPE_LENGTH] as number, h);
    else if (((st[STATE_SEEN] as number) & DIGIT) === 0) out = this.learnWord(b, ts, te, h);
    else {
      // Digits and punctuation: the shape is the bytes with every digit as '1'.
      const sh = this.shape;
      for (let k = ts; k < te; k++) sh[k - ts] = DIGIT_AS_ONE[b[k] as number] as number;
      out = this.learnShape(b, ts, te - ts, sh, te - ts, h);
    }
    return out === UNSAFE ? this.exactOutput(b, ts, te - ts) : out; // "1=2": masking keeps a digit
  }

  /** The cluster remembered for the last scanned line, if still valid at `epoch`. */
  recall(n: number, epoch: number, era: number): Cluster | undefined {
    return this.depth === n ? this.lines.terminal(this.node, epoch, era) : undefined;
  }

  /** Remembers the outcome of the last scanned line (of `n` tokens), valid as memoStamp says. */
  remember(n: number, cl: Cluster, leaf: Leaf | undefined, stamp: number): void {
    const node = this.settle(n);
    if (node >= 0) this.lines.setTerminal(node, cl, leaf, stamp);
  }

  /**
   * The trie node of the whole last scanned line (of `n` tokens), added if need be: a small
   * integer naming that masked line until the memos start over (`resets` moves). -1 when the trie
   * is full (it starts over before the next line).
   */
  settle(n: number): number {
    let node = this.node;
    for (let k = this.depth + 1; k <= n; k++) {
      node = this.lines.extend(node, this.ids[k] as number);
      if (node < 0) {
        this.needsClear = true;
        return -1;
      }
    }
    this.node = node;
    this.depth = n;
    return node;
  }

  /** The masked tokens of the last scanned line, as the string path would have produced them. */
  tokens(n: number, out: string[]): string[] {
    out.length = 0;
    for (let k = 1; k <= n; k++) out.push(this.outputs[this.ids[k] as number] as string);
    return out;
  }

  /** A word seen for the first time. */
  private learnWord(b: Uint8Array, ts: number, te: number, h: number): number {
    const word = ascii(b, ts, te);
    const value = /true|alse|null/i.test(word) || MONTHS.has(word) ? STRING_PATH : this.intern(word);
    if (this.shapes.add(b, ts, te - ts, h, value) < 0) this.needsClear = true;
    return value;
  }

  /**
   * A shape seen for the first time: `shape[0, w)`, built by the scan for the token `b[ts, ts +
   * len)`. It is checked against the reference (token-shape.ts) before it is trusted.
   */
  private learnShape(b: Uint8Array, ts: number, len: number, shape: Uint8Array, w: number, h: number): number {
    const token = ascii(b, ts, ts + len);
    const ref = tokenShape(token);
    let same = ref.shape.length === w;
    for (let k = 0; same && k < w; k++) same = ref.shape.charCodeAt(k) === shape[k];
    if (!same) throw new Error(`miner fast lane: shape of ${JSON.stringify(token)} differs from the reference ${JSON.stringify(ref.shape)}`);
    const out = maskToken(token);
    const value = !ref.collapsed || (maskToken(ref.repA) === out && maskToken(ref.repB) === out) ? this.intern(out) : UNSAFE;
    if (this.shapes.add(shape, 0, w, h, value) < 0) this.needsClear = true;
    return value;
  }

  private exactOutput(b: Uint8Array, ts: number, len: number): number {
    const h = hashBytes(b, ts, len) & HASH_BITS;
    const e = this.exact.find(b, ts, len, h);
    if (e >= 0) return this.exact.value(e);
    const value = this.intern(maskToken(ascii(b, ts, ts + len)));
    if (this.exact.add(b, ts, len, h, value) < 0) this.needsClear = true;
    return value;
  }

  private intern(s: string): number {
    let id = this.outputIds.get(s);
    if (id === undefined) {
      id = this.outputs.length;
      this.outputs.push(s);
      this.outputIds.set(s, id);
      if (id >= this.shapes.maxEntries * 2) this.needsClear = true;
    }
    return id;
  }

  private resetOutputs(): void {
    this.outputs = [typed('num')];
    this.outputIds = new Map([[typed('num'), NUM_ID]]);
  }

  /** Starts every memo over (they are full); called between lines, never inside one. */
  private clear(): void {
    this.shapes.clear();
    this.exact.clear();
    this.resetOutputs();
    this.lines.clear();
    this.core.clearFirstTokens(); // its entries name the trie's nodes and the tables' ids
    this.needsClear = false;
    this.resets++;
  }
}

function hashBytes(src: Uint8Array, from: number, len: number): number {
  let h = FNV_OFFSET;
  for (let k = from; k < from + len; k++) h = Math.imul(h ^ (src[k] as number), FNV_PRIME);
  return h;
}

/** ASCII bytes as a string (only called on bytes the scan found to be ASCII). */
export function ascii(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let k = from; k < to; k += 4096) s += String.fromCharCode.apply(null, b.subarray(k, Math.min(to, k + 4096)) as unknown as number[]);
  return s;
}

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
// The scan's per-byte loop runs in WebAssembly (assembly/scan.ts via scan-core.ts): the tables it
// reads (the line trie, the shapes table) live in that module's memory, and this class writes
// them through views. Measured on the benchmark corpus, it took a sixth of the instructions off a
// `mine` run over 100,000 lines (docs/mining.md).

import { BytesTable, DIGIT_AS_ONE, maxSlots } from './byte-table.js';
import { LineTrie, ROOT_ROOM, maxEdgeSlots } from './line-trie.js';
import { CORE_NEED, NEED_EXACT, NEED_SHAPE, STATE_BATCH_POS, STATE_DEPTH, STATE_HASH, STATE_NEED, STATE_NODE, STATE_SEEN, STATE_TOKEN_END, STATE_TOKEN_START, ScanCore } from './scan-core.js';
import type { Cluster, Leaf } from './cluster.js';
import { LEAD, TRAIL, maskToken, typed } from './mask.js';
import { COARSE_FILL, PATH_MARK, URL_MARK, UUID_MARK, coarseByte, hexClass, tokenShape, uuidCode } from './token-shape.js';

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

// The last four letters, lower-cased, 7 bits each (a small integer): "true", "alse" (false), "null".
const word4 = (w: string): number => [...w].reduce((acc, ch) => (acc << 7) | ch.charCodeAt(0), 0);
const W_TRUE = word4('true');
const W_ALSE = word4('alse');
const W_NULL = word4('null');
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
  private readonly shape: Uint8Array;
  /** Hash of the shape shapeOf wrote last. */
  private shapeHash = 0;
  /** The value inside a token's brackets, quotes and trailing punctuation (set by unwrap). */
  private coreStart = 0;
  private coreEnd = 0;
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
    const root = this.lines.root(partition);
    if (root < 0) {
      this.needsClear = true; // the trie has no room for another partition's root
      return -1;
    }
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
   * memory, see inputBuffer) as scan() would, until `lineRecords` lines are recorded in `records`:
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
    let root = this.lines.root(partition);
    if (root < 0) {
      this.clear(); // no room for another partition's root: start over now, between lines
      root = this.lines.root(partition);
    }
    let r = core.scanLines(base + start, base + end, root, maxTokens, maxLineLength, this.lines.edgeMask, this.shapes.mask, core.linesAt, LINE_RECORDS);
    while (r === CORE_NEED) r = core.resumeLines(this.settleToken(), -1, this.shapes.mask);
    const rec = core.lines;
    for (let k = 1; k < 3 * r; k += 3) rec[k] = (rec[k] as number) - base;
    for (let k = 2; k < 3 * r; k += 3) rec[k] = (rec[k] as number) - base;
    this.batchEnd = (core.state[STATE_BATCH_POS] as number) - base;
    return r;
  }

  /** scanLines' records (see there). */
  get records(): Int32Array {
    return this.core.lines;
  }

  /** Whether `b` lies in this lane's memory, where scan() and scanLines() read it in place. */
  holds(b: Uint8Array): boolean {
    return b.buffer === this.core.buffer;
  }

  /** The outcome remembered for the whole masked line at trie `node`, if still valid at `epoch`. */
  terminalAt(node: number, epoch: number): Cluster | undefined {
    return this.lines.terminal(node, epoch);
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
   * memory): a token the shapes table does not know yet, one that needs its shape built (paths,
   * URLs, UUIDs, letters with digits), or one whose shape says to look it up by its exact bytes.
   */
  private settleToken(): number {
    const st = this.core.state;
    const b = this.core.u8;
    const ts = st[STATE_TOKEN_START] as number;
    const te = st[STATE_TOKEN_END] as number;
    const seen = st[STATE_SEEN] as number;
    const need = st[STATE_NEED] as number;
    if (need === NEED_EXACT) return this.exactOutput(b, ts, te - ts);
    if (need === NEED_SHAPE) return this.viaShape(b, ts, te, seen);
    const out = this.learn(b, ts, te, st[STATE_HASH] as number, (seen & DIGIT) !== 0);
    return out === UNSAFE ? this.exactOutput(b, ts, te - ts) : out; // "1=2": masking keeps a digit
  }

  /**
   * Pass 2, for letters with digits or path characters: builds the token's shape and returns its
   * masked token id (STRING_PATH if the line holds true / false / null). A path, a URL or a UUID
   * is one variable whatever it holds: recognised first, it skips the character scan.
   */
  private viaShape(b: Uint8Array, ts: number, te: number, seen: number): number {
    const len = te - ts;
    let w = 0;
    if ((seen & TRIGGER) !== 0) w = this.pathShape(b, ts, te);
    else if (len >= 36) w = this.uuidShape(b, ts, te);
    let hs: number;
    if (w > 0) hs = hashBytes(this.shape, 0, w) & HASH_BITS;
    else {
      w = this.shapeOf(b, ts, te);
      if (w < 0) return STRING_PATH;
      hs = this.shapeHash;
    }
    const e = this.shapes.find(this.shape, 0, w, hs);
    const out = e >= 0 ? this.shapes.value(e) : this.learnShape(b, ts, len, w, hs);
    return out === UNSAFE ? this.exactOutput(b, ts, len) : out;
  }

  /**
   * Writes the shape of the token `b[ts, te)` (which holds a digit or a path character) into
   * `shape` (token-shape.ts) and returns its length, or -1 if the line must take the string path
   * (it holds true / false / null).
   */
  private shapeOf(b: Uint8Array, ts: number, te: number): number {
    const sh = this.shape;
    let w = 0;
    let runStart = -1; // input index where the current run of letters and digits began
    let runW = 0; // shape index where it began
    let runDigit = false;
    let runLetter = false;
    let last4 = 0;
    let h = FNV_OFFSET;
    let dirty = false;
    for (let i = ts; i < te; i++) {
      const c = b[i] as number;
      const k = CLS[c] as number;
      if (k === DIGIT) {
        sh[w++] = 49;
        h = Math.imul(h ^ 49, FNV_PRIME);
        last4 = 0;
        if (runStart < 0) {
          runStart = i;
          runW = w - 1;
          runLetter = false;
        }
        runDigit = true;
        continue;
      }
      sh[w++] = c;
      h = Math.imul(h ^ c, FNV_PRIME);
      if (k === LETTER || k === HEX_LOWER || k === HEX_UPPER) {
        if (runStart < 0) {
          runStart = i;
          runW = w - 1;
          runDigit = false;
        }
        runLetter = true;
        last4 = ((last4 << 7) | (c | 32)) & 0xfffffff;
        if (last4 === W_TRUE || last4 === W_ALSE || last4 === W_NULL) return -1;
        continue;
      }
      if (runStart >= 0) {
        if (runDigit && runLetter) {
          w = this.mixedRun(b, runStart, i, runW);
          sh[w++] = c;
          dirty = true;
        }
        runStart = -1;
      }
      last4 = 0;
    }
    if (runStart >= 0 && runDigit && runLetter) {
      w = this.mixedRun(b, runStart, te, runW);
      dirty = true;
    }
    this.shapeHash = (dirty ? hashBytes(sh, 0, w) : h) & HASH_BITS;
    return w;
  }

  /**
   * If `b[ts, te)` is a path or a URL with only brackets, quotes or punctuation around it, writes
   * its shape (token-shape.ts) and returns the shape length; otherwise 0.
   */
  private pathShape(b: Uint8Array, ts: number, te: number): number {
    this.unwrap(b, ts, te);
    const s = this.coreStart;
    const e = this.coreEnd;
    let mark = 0;
    if (b[s] === 47) {
      // "/seg/" then more segments: at least two slashes, no empty segment, no '='.
      let slashes = 0;
      for (let q = s; q < e; q++) {
        const c = b[q] as number;
        if (c === 61) return 0;
        if (c === 47) {
          if (q > s && b[q - 1] === 47) return 0;
          slashes++;
        }
      }
      if (slashes < 2) return 0;
      mark = PATH_MARK;
    } else {
      // scheme://rest
      const c0 = CLS[b[s] as number] as number;
      if (c0 !== HEX_LOWER && c0 !== HEX_UPPER && c0 !== LETTER) return 0;
      let q = s + 1;
      for (; q < e; q++) {
        const c = b[q] as number;
        const t = CLS[c] as number;
        if (!(t === DIGIT || t === HEX_LOWER || t === HEX_UPPER || t === LETTER || c === 43 || c === 46 || c === 45)) break;
      }
      if (!(q + 3 < e && b[q] === 58 && b[q + 1] === 47 && b[q + 2] === 47)) return 0;
      mark = URL_MARK;
    }
    return this.wrappedMark(b, ts, te, mark, -1);
  }

  /** Sets coreStart / coreEnd: `b[ts, te)` without what maskToken strips around a value. */
  private unwrap(b: Uint8Array, ts: number, te: number): void {
    let s = ts;
    while (s < te && LEAD[b[s] as number] === 1) s++;
    let e = te;
    while (e > s && TRAIL[b[e - 1] as number] === 1) e--;
    this.coreStart = s;
    this.coreEnd = e;
  }

  /** Writes the shape "lead, mark (and code if >= 0), trail" around the core; returns its length. */
  private wrappedMark(b: Uint8Array, ts: number, te: number, mark: number, code: number): number {
    const sh = this.shape;
    let w = 0;
    for (let q = ts; q < this.coreStart; q++) sh[w++] = b[q] as number;
    sh[w++] = mark;
    if (code >= 0) sh[w++] = code;
    for (let q = this.coreEnd; q < te; q++) sh[w++] = b[q] as number;
    return w;
  }

  /**
   * If `b[ts, te)` is a UUID with only brackets, quotes or punctuation around it, writes its shape
   * (token-shape.ts) and returns the shape length; otherwise 0.
   */
  private uuidShape(b: Uint8Array, ts: number, te: number): number {
    this.unwrap(b, ts, te);
    const s = this.coreStart;
    const e = this.coreEnd;
    if (e - s !== 36 || b[s + 8] !== 45 || b[s + 13] !== 45 || b[s + 18] !== 45 || b[s + 23] !== 45) return 0;
    let digit = false;
    let upper = false;
    for (let q = s; q < e; q++) {
      if (q === s + 8 || q === s + 13 || q === s + 18 || q === s + 23) continue;
      const t = CLS[b[q] as number] as number;
      if (t === DIGIT) digit = true;
      else if (t === HEX_UPPER) upper = true;
      else if (t !== HEX_LOWER) return 0;
    }
    return this.wrappedMark(b, ts, te, UUID_MARK, uuidCode(CLS[b[s] as number] === HEX_LOWER, CLS[b[e - 1] as number] === DIGIT, upper, digit));
  }

  /**
   * Rewrites the shape of a run holding digits and letters, `b[s, e)`, from shape index `w` (see
   * token-shape.ts for the forms); returns the shape index after it.
   */
  private mixedRun(b: Uint8Array, s: number, e: number, w: number): number {
    const sh = this.shape;
    let k = s;
    while (k < e && (CLS[b[k] as number] as number) === DIGIT) k++;
    let unit = k > s;
    for (let q = k; unit && q < e; q++) if ((CLS[b[q] as number] as number) === DIGIT) unit = false;
    if (unit) {
      // Digits then letters ("5ms"): the letters may be a unit and stay.
      for (let q = s; q < e; q++) {
        const c = b[q] as number;
        sh[w++] = q < k && !(c === 48 && q + 1 < e && ((b[q + 1] as number) | 32) === 120) ? 49 : c;
      }
      return w;
    }
    const hex0x = b[s] === 48 && ((b[s + 1] as number) | 32) === 120 && e - s > 2 && allHex(b, s + 2, e);
    if (hex0x || allHex(b, s, e)) {
      let from = s;
      if (hex0x) {
        sh[w++] = 48;
        sh[w++] = b[s + 1] as number;
        from = s + 2;
      }
      let digits = 0;
      let lower = false;
      let upper = false;
      for (let q = from; q < e; q++) {
        const t = CLS[b[q] as number] as number;
        if (t === DIGIT) digits++;
        else if (t === HEX_LOWER) lower = true;
        else upper = true;
      }
      sh[w++] = hexClass(b[from] as number);
      for (let q = from + 1; q < e - 1; q++) sh[w++] = COARSE_FILL;
      if (e - from >= 2) sh[w++] = hexClass(b[e - 1] as number);
      sh[w++] = coarseByte(digits, e - from - digits, lower, upper);
      return w;
    }
    for (let q = s; q < e; q++) {
      const c = b[q] as number;
      const t = CLS[c] as number;
      if (t === DIGIT) sh[w++] = c === 48 && q + 1 < e && ((b[q + 1] as number) | 32) === 120 ? 48 : 49;
      else if (t === HEX_LOWER) sh[w++] = 97;
      else if (t === HEX_UPPER) sh[w++] = 65;
      else sh[w++] = c;
    }
    return w;
  }

  /** The cluster remembered for the last scanned line, if still valid at `epoch`. */
  recall(n: number, epoch: number): Cluster | undefined {
    return this.depth === n ? this.lines.terminal(this.node, epoch) : undefined;
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

  /** A token of pass 1 seen for the first time (a word, or digits and punctuation). */
  private learn(b: Uint8Array, ts: number, te: number, h: number, digits: boolean): number {
    if (digits) {
      const w = this.shapeOf(b, ts, te);
      return this.learnShape(b, ts, te - ts, w, h);
    }
    const word = ascii(b, ts, te);
    const value = /true|alse|null/i.test(word) || MONTHS.has(word) ? STRING_PATH : this.intern(word);
    if (this.shapes.add(b, ts, te - ts, h, value) < 0) this.needsClear = true;
    return value;
  }

  private learnShape(b: Uint8Array, ts: number, len: number, w: number, h: number): number {
    const token = ascii(b, ts, ts + len);
    const ref = tokenShape(token);
    let same = ref.shape.length === w;
    for (let k = 0; same && k < w; k++) same = ref.shape.charCodeAt(k) === this.shape[k];
    if (!same) throw new Error(`miner fast lane: shape of ${JSON.stringify(token)} differs from the reference ${JSON.stringify(ref.shape)}`);
    const out = maskToken(token);
    const value = !ref.collapsed || (maskToken(ref.repA) === out && maskToken(ref.repB) === out) ? this.intern(out) : UNSAFE;
    if (this.shapes.add(this.shape, 0, w, h, value) < 0) this.needsClear = true;
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
    this.needsClear = false;
    this.resets++;
  }
}

function allHex(b: Uint8Array, from: number, to: number): boolean {
  for (let q = from; q < to; q++) {
    const t = CLS[b[q] as number] as number;
    if (t !== DIGIT && t !== HEX_LOWER && t !== HEX_UPPER) return false;
  }
  return true;
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

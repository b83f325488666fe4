// The fast lane's scan in WebAssembly (AssemblyScript): the per-byte loop of FastLane.scan
// (src/mine/fast-lane.ts), which is most of the time `log-gardener mine` spends. It walks a line's
// tokens through the line trie, recognising each by its predicted key or by one hashed pass and a
// probe of the shapes table, exactly as the JS it replaced did; the shapes of paths, URLs, UUIDs,
// hex and letters with digits are built here too. Learning stays in JS: a token the tables do not
// know yet stops the scan with NEED (the shape it built left in memory); JS learns it, checking a
// shape against the reference in token-shape.ts (fast-lane.ts), and calls resume(). scanLines()
// does the same over whole lines of a region, for Miner.addLines, reading each line's first two
// tokens through a cache first (firstTokens).
//
// Memory belongs to JS (imported): the byte-class tables, the ids of the line, the line trie and
// the shapes table all live in it (the small tables at fixed offsets, the rest where `layout`
// says), and JS reads and writes the same bytes through typed-array views. Nothing here
// allocates. Built with `npm run build:wasm`.

// Byte classes (fast-lane.ts).
const SPACE = 1;
const DIGIT = 2;
const TRIGGER = 4;
const HEX_LOWER = 8;
const HEX_UPPER = 16;
const LETTER = 32;
const NON_ASCII = 64;
const X_LETTER = 256;
const LETTERS = HEX_LOWER | HEX_UPPER | LETTER;

// A trie node: eight i32 (line-trie.ts): four fields, then the key's first 16 bytes.
const TOKEN = 0;
const PREDICTED = 1;
const KEY_LEN = 2;
const KEY_AT = 3;
const KEY_BYTES = 16; // byte offset in a node of its copy of the key's first 16 bytes

const FNV_OFFSET: u32 = 0x011c9dc5;
const FNV_PRIME: u32 = 16777619;
const HASH_BITS = 0x3fffffff;
const NUM_ID = 0;
const UNSAFE = -1;
const STRING_PATH = -2; // a word that sends the line to the string path (true / false / null, months)

/** scan()/resume() results besides a token count. */
const AS_STRING = -1;
const NEED = -2;

/** viaShape(): the shapes table does not hold the shape (JS learns it). */
const SHAPE_MISS = -100;

// Marks and fills of shapes (token-shape.ts).
const COARSE_FILL = 104;
const UUID_MARK = 0x8f;
const PATH_MARK = 0x90;
const URL_MARK = 0x91;

// The last four letters, lower-cased, 7 bits each: "true", "alse" (false), "null" (fast-lane.ts).
const W_TRUE = (116 << 21) | (114 << 14) | (117 << 7) | 101;
const W_ALSE = (97 << 21) | (108 << 14) | (115 << 7) | 101;
const W_NULL = (110 << 21) | (117 << 14) | (108 << 7) | 108;

// What JS must work out for the token [tokenStart, pos) after NEED (fast-lane.ts, `settleToken`).
const NEED_LEARN = 1; // plain token, not in the shapes table: learn it
const NEED_SHAPE = 2; // its shape (built here) is not in the shapes table: learn it
const NEED_EXACT = 3; // found, but its shape is UNSAFE: look it up by its exact bytes

// Layout (byte offsets into memory). The small tables sit at fixed offsets (scan-core.ts places
// them there), so their addresses are constants the loads carry; the rest is set once by layout().
const CLS_AT = 64; // u8[256]
const SCAN_CLS_AT = 512; // u16[256]
const DIGIT_AT = 1024; // u8[256]: each byte with every digit as '1'
const STATE_AT = 1280; // i32[10]: what JS reads after a call (see STATE_*)
const LEAD_AT = 1408; // u8[128]: what masking strips before a value (mask.ts, LEAD)
const TRAIL_AT = 1536; // u8[128]: and after it (TRAIL)
const IDS_AT = 2048; // i32[idsCap]
let idsCap = 0;
let nodesAt = 0; // i32[8 * nodes]
let edgesAt = 0; // i32[3 * slots]
let recAt = 0; // i32[4 * slots] (byte-table.ts)
let arenaAt = 0; // u8[]
let shapeAt = 0; // u8[]: the shape being built
let firstAt = 0; // u8[32 * slots]: the first-token cache (firstTokens)

// The scan in progress (kept across NEED).
let pos = 0;
let lineEnd = 0;
let n = 0;
let node = 0;
let walking = true;
let depth = 0;
let maxTokens = 0;
let edgeMask = 0;
let recMask = 0;
let tokenStart = 0;
let seen = 0;

// State block slots.
const STATE_NODE = 0;
const STATE_DEPTH = 1;
const STATE_TOKEN_START = 2;
const STATE_TOKEN_END = 3;
const STATE_SEEN = 4;
const STATE_HASH = 5;
const STATE_NEED = 6;
const STATE_KEY = 7;
const STATE_BATCH_POS = 8; // scanLines: where the next line starts
const STATE_SHAPE_LENGTH = 9; // NEED_SHAPE: the shape's length (the shape is at shapeAt)

// scanLines records, three i32 per line: what it found, and the line's trimmed bytes [s, e).
const LINE_STRING = -1; // the string path must take it (JS decodes and trim()s it)
const LINE_AGAIN = -2; // masked, but the trie does not hold the whole line: JS scans it again

// The batch in progress (kept across NEED).
let batchPos = 0;
let batchEnd = 0;
let batchRoot = 0;
let maxLength = 0;
let outAt = 0;
let outCap = 0;
let outCount = 0;
let lineStart = 0;
let lineStop = 0;
/** The line is too long if a token ends past this (scan(): its end; scanLines: maxLength bytes in). */
let lineLimit = 0;
/** Whether run() is scanning for scanLines, where a '\n' ends the line (scan() has no '\n' inside). */
let batching = false;

export function layout(idsCapacity: i32, nodes: i32, edges: i32, rec: i32, arena: i32, shape: i32, first: i32): void {
  firstAt = first;
  idsCap = idsCapacity;
  nodesAt = nodes;
  edgesAt = edges;
  recAt = rec;
  arenaAt = arena;
  shapeAt = shape;
}

// @ts-expect-error: decorator
@inline function cls(c: i32): i32 {
  return load<u8>(CLS_AT + c);
}

// @ts-expect-error: decorator
@inline function nodeAt(nd: i32, field: i32): i32 {
  return load<i32>(nodesAt + (nd << 5) + (field << 2));
}

// @ts-expect-error: decorator
@inline function setNode(nd: i32, field: i32, v: i32): void {
  store<i32>(nodesAt + (nd << 5) + (field << 2), v);
}

// @ts-expect-error: decorator
@inline function setState(slot: i32, v: i32): void {
  store<i32>(STATE_AT + (slot << 2), v);
}

// Vectors of sixteen bytes, and the byte classes tested on them.
const ZERO = i8x16.splat(48);
const TEN = i8x16.splat(10);
const ONE = i8x16.splat(49);
const SPACE_MAX = i8x16.splat(32);
const CASE_BIT = i8x16.splat(32);
const SLASH = i8x16.splat(47);
const EQUALS = i8x16.splat(61);
const LOWER_X = i8x16.splat(120);
const DASH = i8x16.splat(45);
const SIX = i8x16.splat(6);
const LOWER_A = i8x16.splat(97);
const UPPER_A = i8x16.splat(65);
const LANES = i8x16(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

/** Lanes holding 0-9. */
// @ts-expect-error: decorator
@inline function isDigitV(v: v128): v128 {
  return i8x16.lt_u(i8x16.sub(v, ZERO), TEN);
}

/** Lanes holding a-f. */
// @ts-expect-error: decorator
@inline function isLowerHexV(v: v128): v128 {
  return i8x16.lt_u(i8x16.sub(v, LOWER_A), SIX);
}

/** Lanes holding A-F. */
// @ts-expect-error: decorator
@inline function isUpperHexV(v: v128): v128 {
  return i8x16.lt_u(i8x16.sub(v, UPPER_A), SIX);
}

/** Lanes holding 0-9, a-f or A-F. */
// @ts-expect-error: decorator
@inline function isHexV(v: v128): v128 {
  return v128.or(v128.or(isDigitV(v), isLowerHexV(v)), isUpperHexV(v));
}

/** `v` with every digit as '1'. */
// @ts-expect-error: decorator
@inline function digitsAsOneV(v: v128): v128 {
  return v128.bitselect(ONE, v, isDigitV(v));
}

/**
 * Whether arena[at, at + to - from) holds the bytes [from, to) with every digit as '1', sixteen
 * bytes at a time: the input's digits become '1' and both sides are compared at once. It reads up
 * to 15 bytes past each side's end (the memory leaves room for that: scan-core.ts).
 */
function sameDigitsAsOneWide(at: i32, from: i32, to: i32): bool {
  const d = arenaAt + at - from;
  let k = from;
  for (; k + 16 <= to; k += 16) {
    if (!v128.all_true<i8>(i8x16.eq(digitsAsOneV(v128.load(k)), v128.load(d + k)))) return false;
  }
  if (k == to) return true;
  const same = i8x16.bitmask(i8x16.eq(digitsAsOneV(v128.load(k)), v128.load(d + k)));
  const want = (1 << (to - k)) - 1;
  return (same & want) == want;
}

/** Whether arena[at, at + to - from) holds the bytes [from, to), sixteen at a time (reading past ends as above). */
function sameBytesWide(at: i32, from: i32, to: i32): bool {
  const d = arenaAt + at - from;
  let k = from;
  for (; k + 16 <= to; k += 16) {
    if (!v128.all_true<i8>(i8x16.eq(v128.load(k), v128.load(d + k)))) return false;
  }
  if (k == to) return true;
  const same = i8x16.bitmask(i8x16.eq(v128.load(k), v128.load(d + k)));
  const want = (1 << (to - k)) - 1;
  return (same & want) == want;
}

/** sameDigitsAsOneWide for a key of `len` <= 16 bytes, against the copy in node `nd`. */
// @ts-expect-error: decorator
@inline function sameAsInlineKey(nd: i32, from: i32, len: i32): bool {
  const same = i8x16.bitmask(i8x16.eq(digitsAsOneV(v128.load(from)), v128.load(nodesAt + (nd << 5) + KEY_BYTES)));
  const want = (1 << len) - 1;
  return (same & want) == want;
}

/** A token of the classes `s` holds no letters with its digits: its shape is its bytes with every digit as '1'. */
// @ts-expect-error: decorator
@inline function isPlain(s: i32): bool {
  return (s & DIGIT) == 0 || (s & LETTERS) == 0;
}

/**
 * Whether run() looks a token (of the classes `s`, `len` bytes, not only digits) up by its bytes
 * with every digit as '1' (findDigitsAsOne) before building its shape: a plain token, or letters
 * with digits and no 'x', shorter than a UUID. Paths, URLs and the rest build their shape.
 */
// @ts-expect-error: decorator
@inline function byItsBytes(s: i32, len: i32): bool {
  return (s & TRIGGER) == 0 && (isPlain(s) || ((s & X_LETTER) == 0 && len < 36));
}

/** Record index (in i32s) of the key [from, from + len) stored with digits as '1', or -1 (byte-table.ts). */
function findDigitsAsOne(from: i32, len: i32, h: i32): i32 {
  for (let s = h & recMask; ; s = (s + 1) & recMask) {
    const r = s << 2;
    const l = load<i32>(recAt + (r << 2) + 8);
    if (l == 0) return -1;
    if (load<i32>(recAt + (r << 2)) != h || l != len + 1) continue;
    if (sameDigitsAsOneWide(load<i32>(recAt + (r << 2) + 4), from, from + len)) return r;
  }
  return -1; // not reached: the table is never full
}

/** Child of `nd` through token `id`, or -1 (line-trie.ts, `child`). */
function child(nd: i32, id: i32): i32 {
  const mixed: u32 = (<u32>nd ^ (<u32>id * <u32>0x9e3779b1)) * <u32>0x85ebca6b;
  const hash = <i32>(mixed >> 7);
  for (let s = (hash - 1) & edgeMask; ;) {
    s = (s + 1) & edgeMask;
    const r = edgesAt + s * 12;
    const k = load<i32>(r);
    if (k == 0) return -1;
    if (k == nd + 1 && load<i32>(r + 4) == id) return load<i32>(r + 8);
  }
  return -1; // not reached: the table is never full
}

/**
 * Starts masking the line [start, end) from trie node `root`. Returns the token count, AS_STRING,
 * or NEED (see above); the state block then holds the node and depth, or the token in question.
 */
export function scan(start: i32, end: i32, root: i32, maxTok: i32, edges: i32, records: i32): i32 {
  batching = false;
  lineLimit = end;
  pos = start;
  lineEnd = end;
  n = 0;
  node = root;
  walking = true;
  depth = 0;
  maxTokens = maxTok;
  edgeMask = edges;
  recMask = records;
  return run();
}

/** Goes on after NEED with the token's masked id `out` and the shapes record `key` it matched (-1: none). */
export function resume(out: i32, key: i32, records: i32): i32 {
  recMask = records;
  if (!push(out, key)) return AS_STRING;
  return run();
}

/** Appends token `out` to the line and steps the trie; false if the line has too many tokens. */
function push(out: i32, key: i32): bool {
  if (n >= maxTokens || n + 2 > idsCap) return false;
  n++;
  store<i32>(IDS_AT + (n << 2), out);
  if (walking) {
    const guess = nodeAt(node, PREDICTED);
    const next = guess >= 0 && nodeAt(guess, TOKEN) == out ? guess : child(node, out);
    if (next < 0) walking = false;
    else {
      setNode(node, PREDICTED, next);
      if (key >= 0) {
        const keyAt = load<i32>(recAt + (key << 2) + 4);
        setNode(node, KEY_LEN, load<i32>(recAt + (key << 2) + 8) - 1);
        setNode(node, KEY_AT, keyAt);
        // Its first 16 bytes (and what follows them in the key bytes, unused) beside the fields.
        v128.store(nodesAt + (node << 5) + KEY_BYTES, v128.load(arenaAt + keyAt));
      } else setNode(node, KEY_LEN, seen == DIGIT ? -1 : 0);
      node = next;
      depth = n;
    }
  }
  return true;
}

function run(): i32 {
  const end = lineEnd;
  let i = pos;
  while (i < end) {
    const c0 = <i32>load<u8>(i);
    if (cls(c0) == SPACE) {
      if (c0 == 10 && batching) break; // scanLines: the line ends here
      i++;
      continue;
    }
    if (walking) {
      // The token that last followed this prefix (fast-lane.ts).
      const kl = nodeAt(node, KEY_LEN);
      if (kl != 0) {
        let k = i;
        if (kl < 0) {
          while (k < end && cls(load<u8>(k)) == DIGIT) k++;
        } else if (i + kl <= end && (kl <= 16 ? sameAsInlineKey(node, i, kl) : sameDigitsAsOneWide(nodeAt(node, KEY_AT), i, i + kl))) k = i + kl;
        if (k > i && (k == end || cls(load<u8>(k)) == SPACE)) {
          if (n >= maxTokens || n + 2 > idsCap) return AS_STRING;
          const next = nodeAt(node, PREDICTED);
          n++;
          store<i32>(IDS_AT + (n << 2), nodeAt(next, TOKEN));
          node = next;
          depth = n;
          i = k;
          continue;
        }
      }
    }
    // One pass: the classes that occur, and the hash of the bytes with every digit as '1'.
    const ts = i;
    let s = 0;
    let h: u32 = FNV_OFFSET;
    for (; i < end; i++) {
      const c = <i32>load<u8>(i);
      const k = <i32>load<u16>(SCAN_CLS_AT + (c << 1));
      if (k == SPACE) break;
      s |= k;
      h = (h ^ <u32>load<u8>(DIGIT_AT + c)) * FNV_PRIME;
    }
    if ((s & NON_ASCII) != 0) return AS_STRING;
    // scanLines: a token past maxLength bytes of the trimmed line makes it too long for the lane
    // (and shapes are built in room for a line of maxLength).
    if (i > lineLimit) return AS_STRING;
    seen = s;
    let out = NUM_ID;
    let key = -1;
    if (s != DIGIT) {
      const len = i - ts;
      const hb = <i32>h & HASH_BITS;
      const plain = isPlain(s);
      let need = NEED_SHAPE;
      if (byItsBytes(s, len)) {
        const e = findDigitsAsOne(ts, len, hb);
        if (e >= 0) {
          out = load<i32>(recAt + (e << 2) + 12);
          key = e;
          if (out == STRING_PATH) return AS_STRING;
          need = out == UNSAFE ? NEED_EXACT : 0;
        } else need = plain ? NEED_LEARN : NEED_SHAPE;
      }
      if (need == NEED_SHAPE) {
        const v = viaShape(ts, i, s);
        if (v == UNSAFE) need = NEED_EXACT;
        else if (v != SHAPE_MISS) {
          if (v == STRING_PATH) return AS_STRING;
          out = v;
          need = 0;
        }
      }
      if (need != 0) {
        pos = i;
        setState(STATE_TOKEN_START, ts);
        setState(STATE_TOKEN_END, i);
        setState(STATE_SEEN, s);
        // NEED_SHAPE: the shape is at shapeAt, and the hash is the shape's.
        setState(STATE_HASH, need == NEED_SHAPE ? shapeHashed : hb);
        setState(STATE_SHAPE_LENGTH, shapeLength);
        setState(STATE_NEED, need);
        setState(STATE_KEY, key);
        return NEED;
      }
    }
    if (!push(out, key)) return AS_STRING;
  }
  pos = i;
  setState(STATE_NODE, node);
  setState(STATE_DEPTH, walking ? n : depth);
  return n;
}

/** Whether `c` is ASCII white space as String.prototype.trim() sees it: TAB, LF, VT, FF, CR, space. */
// @ts-expect-error: decorator
@inline function isSpace(c: i32): bool {
  return c == 32 || (c >= 9 && c <= 13);
}

/**
 * Masks the lines of [start, end) (whole lines, each ending with '\n' but perhaps the last) from
 * trie node `root`, and records each at `out` (three i32: the trie node of the whole line,
 * LINE_STRING or LINE_AGAIN, then the line's bytes trimmed of ASCII white space), up to `cap`
 * lines. Returns how many it recorded (the state block says where it stopped), or NEED: JS then
 * works out the token and calls resumeLines(). A line is trimmed and sent to the string path as
 * Miner.addBytes would: ends that are not ASCII, or more than `maxLen` bytes.
 */
export function scanLines(start: i32, end: i32, root: i32, maxTok: i32, maxLen: i32, edges: i32, records: i32, out: i32, cap: i32): i32 {
  batchPos = start;
  batchEnd = end;
  batchRoot = root;
  maxTokens = maxTok;
  maxLength = maxLen;
  edgeMask = edges;
  recMask = records;
  outAt = out;
  outCap = cap;
  outCount = 0;
  batching = true;
  return lines();
}

/** resume() for scanLines. */
export function resumeLines(out: i32, key: i32, records: i32): i32 {
  recMask = records;
  if (out == STRING_PATH || !push(out, key)) endLine(AS_STRING);
  else {
    const r = run();
    if (r == NEED) return NEED;
    endLine(r);
  }
  return lines();
}

function record(what: i32): void {
  const at = outAt + outCount * 12;
  store<i32>(at, what);
  store<i32>(at + 4, lineStart);
  store<i32>(at + 8, lineStop);
  outCount++;
}

/**
 * Records the line run() was scanning. The scan stopped at its '\n' (or the end), or, for the
 * string path, anywhere in it. The line is then trimmed as addBytes' caller trims it.
 */
function endLine(r: i32): void {
  let nl = pos;
  while (nl < batchEnd && load<u8>(nl) != 10) nl++;
  batchPos = nl + 1;
  let s = lineStart;
  let e = nl;
  while (s < e && isSpace(load<u8>(s))) s++;
  while (e > s && isSpace(load<u8>(e - 1))) e--;
  lineStart = s;
  lineStop = e;
  if (missSlot >= 0 && r >= 0 && depth >= missAt) learnFirst();
  // A line with ends that are not ASCII holds a non-ASCII token: the scan said AS_STRING.
  record(r < 0 || e - s > maxLength ? LINE_STRING : walking ? node : LINE_AGAIN);
}

function lines(): i32 {
  const end = batchEnd;
  while (batchPos < end && outCount < outCap) {
    lineStart = batchPos;
    let s = batchPos;
    while (s < end && isSpace(load<u8>(s)) && load<u8>(s) != 10) s++;
    lineLimit = s + maxLength;
    pos = batchPos;
    lineEnd = end;
    n = 0;
    node = batchRoot;
    walking = true;
    depth = 0;
    firstTokens(s, end);
    const r = run();
    if (r == NEED) return NEED;
    endLine(r);
  }
  setState(STATE_BATCH_POS, batchPos < end ? batchPos : end);
  return outCount;
}

// ---- The first-token cache ----
//
// A trie node's predicted key is only the token that last followed it, and a line's first tokens
// are where templates branch: on the benchmark corpus the first token of nearly every line, and
// the second of 43 %, missed it and took the hashed pass, the shapes table and the edge table.
// This direct-mapped cache answers a line's first PREFIX_TOKENS tokens with one probe each
// instead: (trie node, token of up to 15 bytes with every digit as '1') -> (masked id, child
// node), for tokens the shapes table answers by those bytes alone (findDigitsAsOne). An entry: the
// key's 16 bytes (zero past its length), then node + 1, length, child, id. It holds nothing the
// trie and the table do not: JS zeroes it whenever they start over (ScanCore.clearFirstTokens),
// and an entry is only ever overwritten.

const PREFIX_TOKENS = 2;
const FIRST_SLOTS_MASK = 4095; // scan-core.ts: FIRST_SLOTS
const FIRST_NODE = 16;
const FIRST_LEN = 20;
const FIRST_CHILD = 24;
const FIRST_ID = 28;

/** The token the cache missed (learnFirst may add it): its slot (-1: none), node, bytes and place in the line. */
let missSlot = -1;
let missNode = 0;
let missStart = 0;
let missLen = 0;
let missAt = 0;

/** `v`'s first `len` (< 16) bytes with every digit as '1', zero past them. */
// @ts-expect-error: decorator
@inline function digitsAsOneKey(v: v128, len: i32): v128 {
  return v128.and(digitsAsOneV(v), i8x16.lt_u(LANES, i8x16.splat(<i8>len)));
}

/** The address of the cache slot for (node `nd`, `key`). */
// @ts-expect-error: decorator
@inline function slotOf(nd: i32, key: v128): i32 {
  const h = (<u64>i64x2.extract_lane(key, 0) * 0x9e3779b97f4a7c15) ^ (<u64>i64x2.extract_lane(key, 1) * 0xc2b2ae3d27d4eb4f) ^ (<u64>nd * 0x165667b19e3779f9);
  return firstAt + ((<i32>(h >> 40) & FIRST_SLOTS_MASK) << 5);
}

/**
 * Steps the line starting at `s` past as many of its first PREFIX_TOKENS tokens as the cache
 * knows (run() then goes on from there), and notes the first it misses for learnFirst. `s` is
 * past the line's leading white space as trim() sees it; run() skips every byte up to ' ' between
 * tokens, and a '\n' ends the line.
 */
function firstTokens(s: i32, end: i32): void {
  missSlot = -1;
  let p = s;
  while (n < PREFIX_TOKENS) {
    if (n > 0) while (p < end && load<u8>(p) <= 32 && load<u8>(p) != 10) p++;
    if (p >= end || load<u8>(p) <= 32 || n >= maxTokens || n + 2 > idsCap) return;
    const v = v128.load(p);
    let len = ctz(i8x16.bitmask(i8x16.le_u(v, SPACE_MAX)) | 0x10000); // the token ends at a byte <= ' '
    if (len > end - p) len = end - p;
    if (len >= 16 || p + len > lineLimit) return;
    const key = digitsAsOneKey(v, len);
    const at = slotOf(node, key);
    if (load<i32>(at + FIRST_NODE) != node + 1 || load<i32>(at + FIRST_LEN) != len || !v128.all_true<i8>(i8x16.eq(v128.load(at), key))) {
      missSlot = at;
      missNode = node;
      missStart = p;
      missLen = len;
      missAt = n + 1;
      return;
    }
    n++;
    store<i32>(IDS_AT + (n << 2), load<i32>(at + FIRST_ID));
    node = load<i32>(at + FIRST_CHILD);
    depth = n;
    p += len;
    pos = p;
  }
}

/**
 * After a line whose token the cache missed, when the trie took that token's step: caches the
 * token if the shapes table answers it by its bytes with every digit as '1' (as run() looks such
 * a token up: findDigitsAsOne), with the id run() gave it.
 */
function learnFirst(): void {
  const ts = missStart;
  const te = ts + missLen;
  let s = 0;
  let h: u32 = FNV_OFFSET;
  for (let i = ts; i < te; i++) {
    const c = <i32>load<u8>(i);
    s |= <i32>load<u16>(SCAN_CLS_AT + (c << 1));
    h = (h ^ <u32>load<u8>(DIGIT_AT + c)) * FNV_PRIME;
  }
  if (s == DIGIT || (s & NON_ASCII) != 0 || !byItsBytes(s, missLen)) return; // a number, or the shape decides it
  const e = findDigitsAsOne(ts, missLen, <i32>h & HASH_BITS);
  const id = load<i32>(IDS_AT + (missAt << 2));
  if (e < 0 || load<i32>(recAt + (e << 2) + 12) != id) return;
  const next = child(missNode, id);
  if (next < 0) return;
  const at = missSlot;
  v128.store(at, digitsAsOneKey(v128.load(ts), missLen));
  store<i32>(at + FIRST_NODE, missNode + 1);
  store<i32>(at + FIRST_LEN, missLen);
  store<i32>(at + FIRST_CHILD, next);
  store<i32>(at + FIRST_ID, id);
}

// ---- Shapes (fast-lane.ts: viaShape and the functions below it, one for one) ----

/**
 * The masked id of the token [ts, te) whose shape must be built (a path character, or letters
 * with digits), looked up in the shapes table: SHAPE_MISS if the table does not hold the shape,
 * STRING_PATH if the token holds true / false / null, UNSAFE if the shape says "look me up by my
 * exact bytes".
 */
function viaShape(ts: i32, te: i32, seen: i32): i32 {
  let w = 0;
  if ((seen & TRIGGER) != 0) w = pathShape(ts, te);
  else if (te - ts >= 36) w = uuidShape(ts, te);
  let hs: i32;
  if (w > 0) hs = hashBytes(shapeAt, w) & HASH_BITS;
  else {
    w = shapeOf(ts, te);
    if (w < 0) return STRING_PATH;
    hs = shapeHash;
  }
  shapeLength = w;
  shapeHashed = hs;
  const e = findExact(shapeAt, w, hs);
  return e >= 0 ? load<i32>(recAt + (e << 2) + 12) : SHAPE_MISS;
}

/** The shape viaShape built last (at shapeAt), and its hash: JS learns it after SHAPE_MISS. */
let shapeLength = 0;
let shapeHashed = 0;

/** Record index of the key [from, from + len) stored as it is, or -1 (byte-table.ts, `find`). */
function findExact(from: i32, len: i32, h: i32): i32 {
  for (let s = h & recMask; ; s = (s + 1) & recMask) {
    const r = s << 2;
    const l = load<i32>(recAt + (r << 2) + 8);
    if (l == 0) return -1;
    if (load<i32>(recAt + (r << 2)) != h || l != len + 1) continue;
    if (sameBytesWide(load<i32>(recAt + (r << 2) + 4), from, from + len)) return r;
  }
  return -1; // not reached: the table is never full
}

function hashBytes(from: i32, len: i32): i32 {
  let h: u32 = FNV_OFFSET;
  for (let k = from; k < from + len; k++) h = (h ^ <u32>load<u8>(k)) * FNV_PRIME;
  return <i32>h;
}

let shapeHash = 0;
let coreStart = 0;
let coreEnd = 0;

// @ts-expect-error: decorator
@inline function isLetter(k: i32): bool {
  return k == LETTER || k == HEX_LOWER || k == HEX_UPPER;
}

function shapeOf(ts: i32, te: i32): i32 {
  const hw = hexShape(ts, te);
  if (hw > 0) {
    shapeHash = hashBytes(shapeAt, hw) & HASH_BITS;
    return hw;
  }
  const sh = shapeAt;
  let w = 0;
  let runStart = -1;
  let runW = 0;
  let runDigit = false;
  let runLetter = false;
  let last4 = 0;
  let h: u32 = FNV_OFFSET;
  let dirty = false;
  for (let i = ts; i < te; i++) {
    const c = <i32>load<u8>(i);
    const k = cls(c);
    if (k == DIGIT) {
      store<u8>(sh + w++, 49);
      h = (h ^ 49) * FNV_PRIME;
      last4 = 0;
      if (runStart < 0) {
        runStart = i;
        runW = w - 1;
        runLetter = false;
      }
      runDigit = true;
      continue;
    }
    store<u8>(sh + w++, c);
    h = (h ^ <u32>c) * FNV_PRIME;
    if (isLetter(k)) {
      if (runStart < 0) {
        runStart = i;
        runW = w - 1;
        runDigit = false;
      }
      runLetter = true;
      last4 = ((last4 << 7) | (c | 32)) & 0xfffffff;
      if (last4 == W_TRUE || last4 == W_ALSE || last4 == W_NULL) return -1;
      continue;
    }
    if (runStart >= 0) {
      if (runDigit && runLetter) {
        w = mixedRun(runStart, i, runW);
        store<u8>(sh + w++, c);
        dirty = true;
      }
      runStart = -1;
    }
    last4 = 0;
  }
  if (runStart >= 0 && runDigit && runLetter) {
    w = mixedRun(runStart, te, runW);
    dirty = true;
  }
  shapeHash = (dirty ? hashBytes(sh, w) : <i32>h) & HASH_BITS;
  return w;
}

function pathShape(ts: i32, te: i32): i32 {
  unwrap(ts, te);
  const s = coreStart;
  const e = coreEnd;
  let mark = 0;
  if (load<u8>(s) == 47) {
    // No '=', no "//", two slashes at least: sixteen bytes at a time (a branch per slash was a
    // misprediction per path segment).
    let slashes = 0;
    let carry = 0; // 1 if the byte before this block is a slash
    for (let q = s; q < e; q += 16) {
      const v = v128.load(q);
      const m = q + 16 <= e ? 0xffff : (1 << (e - q)) - 1;
      const sl = i8x16.bitmask(i8x16.eq(v, SLASH)) & m;
      if ((i8x16.bitmask(i8x16.eq(v, EQUALS)) & m) != 0 || (((sl << 1) | carry) & sl) != 0) return 0;
      carry = (sl >> 15) & 1;
      slashes += popcnt(sl);
    }
    if (slashes < 2) return 0;
    mark = PATH_MARK;
  } else {
    if (!isLetter(cls(load<u8>(s)))) return 0;
    let q = s + 1;
    for (; q < e; q++) {
      const c = <i32>load<u8>(q);
      const t = cls(c);
      if (!(t == DIGIT || isLetter(t) || c == 43 || c == 46 || c == 45)) break;
    }
    if (!(q + 3 < e && load<u8>(q) == 58 && load<u8>(q + 1) == 47 && load<u8>(q + 2) == 47)) return 0;
    mark = URL_MARK;
  }
  return wrappedMark(ts, te, mark, -1);
}

function unwrap(ts: i32, te: i32): void {
  let s = ts;
  while (s < te && load<u8>(s) < 128 && load<u8>(LEAD_AT + load<u8>(s)) == 1) s++;
  let e = te;
  while (e > s && load<u8>(e - 1) < 128 && load<u8>(TRAIL_AT + load<u8>(e - 1)) == 1) e--;
  coreStart = s;
  coreEnd = e;
}

function wrappedMark(ts: i32, te: i32, mark: i32, code: i32): i32 {
  const sh = shapeAt;
  let w = 0;
  for (let q = ts; q < coreStart; q++) store<u8>(sh + w++, load<u8>(q));
  store<u8>(sh + w++, mark);
  if (code >= 0) store<u8>(sh + w++, code);
  for (let q = coreEnd; q < te; q++) store<u8>(sh + w++, load<u8>(q));
  return w;
}

/** A UUID's dashes as lanes: bytes 8 and 13 of its first vector, 18 and 23 (lanes 2 and 7) of its second. */
const UUID_DASHES_A = (1 << 8) | (1 << 13);
const UUID_DASHES_B = (1 << 2) | (1 << 7);

function uuidShape(ts: i32, te: i32): i32 {
  unwrap(ts, te);
  const s = coreStart;
  const e = coreEnd;
  if (e - s != 36) return 0;
  // Branch-free, sixteen bytes at a time (digits and hex letters come in no order a branch could
  // predict): the dashes exactly at 8, 13, 18 and 23 and hex digits everywhere else. The last
  // vector starts at byte 20; its lanes 12 to 15 are bytes 32 to 35.
  const a = v128.load(s);
  const b = v128.load(s + 16);
  const c = v128.load(s + 20);
  const digits = i8x16.bitmask(isDigitV(a)) | i8x16.bitmask(isDigitV(b)) | (i8x16.bitmask(isDigitV(c)) & 0xf000);
  const uppers = i8x16.bitmask(isUpperHexV(a)) | i8x16.bitmask(isUpperHexV(b)) | (i8x16.bitmask(isUpperHexV(c)) & 0xf000);
  // Per vector, the hex lanes in the low 16 bits and the dash lanes in the high 16.
  const okA = i8x16.bitmask(isHexV(a)) | (i8x16.bitmask(i8x16.eq(a, DASH)) << 16);
  const okB = i8x16.bitmask(isHexV(b)) | (i8x16.bitmask(i8x16.eq(b, DASH)) << 16);
  if (okA != (UUID_DASHES_A << 16 | (0xffff ^ UUID_DASHES_A)) || okB != (UUID_DASHES_B << 16 | (0xffff ^ UUID_DASHES_B))) return 0;
  if ((i8x16.bitmask(isHexV(c)) & 0xf000) != 0xf000) return 0;
  const code = 0x80 | (cls(load<u8>(s)) == HEX_LOWER ? 1 : 0) | (cls(load<u8>(e - 1)) == DIGIT ? 2 : 0) | (uppers != 0 ? 4 : 0) | (digits != 0 ? 8 : 0);
  return wrappedMark(ts, te, UUID_MARK, code);
}

/**
 * shapeOf for the commonest mixed token, branch-free: up to 16 bytes of hex digits holding both a
 * digit and a letter, maybe after "0x" (a hex id). It is one run, so its shape is mixedRun's hex
 * form: the class of its first and last digit, a fill between, and a code of its digit and letter
 * counts (0, 1, more) and cases. 0 for any other token (shapeOf then builds the shape byte by byte),
 * also for a run of digits then letters only ("123abc", "0xff"), whose letters mixedRun keeps.
 */
function hexShape(ts: i32, te: i32): i32 {
  const len = te - ts;
  if (len > 16) return 0;
  const v = v128.load(ts);
  const want = (1 << len) - 1;
  const digits = i8x16.bitmask(isDigitV(v)) & want;
  const uppers = i8x16.bitmask(isUpperHexV(v)) & want;
  const lowers = i8x16.bitmask(isLowerHexV(v)) & want;
  const x = i8x16.bitmask(i8x16.eq(v128.or(v, CASE_BIT), LOWER_X)) & want;
  if ((digits | uppers | lowers | x) != want || digits == 0 || (uppers | lowers) == 0) return 0; // not hex, no digit, or no hex letter
  let from = ts;
  let d = digits;
  let u = uppers;
  let l = lowers;
  if (x != 0) {
    // Only "0x" then hex digits (mixedRun's hex0x).
    if (x != 2 || load<u8>(ts) != 48 || len < 3) return 0;
    from = ts + 2;
    d >>= 2;
    u >>= 2;
    l >>= 2;
  }
  const n = te - from;
  if (d == 0 || (u | l) == 0) return 0; // ("0x1f" has letters; "0x12" has none after "0x": not mixed here)
  // A run of digits then letters only is a unit (mixedRun keeps its letters): leading digits, then none.
  const lead = ctz(~digits);
  if (lead > 0 && (digits >> lead) == 0) return 0;
  const sh = shapeAt;
  let w = 0;
  if (from != ts) {
    store<u8>(sh, 48);
    store<u8>(sh + 1, load<u8>(ts + 1));
    w = 2;
  }
  store<u8>(sh + w++, hexClass(load<u8>(from)));
  for (let q = 0; q < n - 2; q++) store<u8>(sh + w++, COARSE_FILL);
  if (n >= 2) store<u8>(sh + w++, hexClass(load<u8>(te - 1)));
  const dc = popcnt(d);
  store<u8>(sh + w++, 0x80 | min(dc, 2) | (min(n - dc, 2) << 2) | (l != 0 ? 16 : 0) | (u != 0 ? 32 : 0));
  return w;
}

function allHex(from: i32, to: i32): bool {
  for (let q = from; q < to; q++) {
    const t = cls(load<u8>(q));
    if (t != DIGIT && t != HEX_LOWER && t != HEX_UPPER) return false;
  }
  return true;
}

// @ts-expect-error: decorator
@inline function hexClass(c: i32): i32 {
  return c >= 48 && c <= 57 ? 49 : c >= 97 && c <= 102 ? 97 : 65;
}

function mixedRun(s: i32, e: i32, w0: i32): i32 {
  const sh = shapeAt;
  let w = w0;
  let k = s;
  while (k < e && cls(load<u8>(k)) == DIGIT) k++;
  let unit = k > s;
  for (let q = k; unit && q < e; q++) if (cls(load<u8>(q)) == DIGIT) unit = false;
  if (unit) {
    for (let q = s; q < e; q++) {
      const c = <i32>load<u8>(q);
      store<u8>(sh + w++, q < k && !(c == 48 && q + 1 < e && (<i32>load<u8>(q + 1) | 32) == 120) ? 49 : c);
    }
    return w;
  }
  const hex0x = load<u8>(s) == 48 && (<i32>load<u8>(s + 1) | 32) == 120 && e - s > 2 && allHex(s + 2, e);
  if (hex0x || allHex(s, e)) {
    let from = s;
    if (hex0x) {
      store<u8>(sh + w++, 48);
      store<u8>(sh + w++, load<u8>(s + 1));
      from = s + 2;
    }
    let digits = 0;
    let lower = false;
    let upper = false;
    for (let q = from; q < e; q++) {
      const t = cls(load<u8>(q));
      if (t == DIGIT) digits++;
      else if (t == HEX_LOWER) lower = true;
      else upper = true;
    }
    store<u8>(sh + w++, hexClass(load<u8>(from)));
    for (let q = from + 1; q < e - 1; q++) store<u8>(sh + w++, COARSE_FILL);
    if (e - from >= 2) store<u8>(sh + w++, hexClass(load<u8>(e - 1)));
    const letters = e - from - digits;
    store<u8>(sh + w++, 0x80 | min(digits, 2) | (min(letters, 2) << 2) | (lower ? 16 : 0) | (upper ? 32 : 0));
    return w;
  }
  for (let q = s; q < e; q++) {
    const c = <i32>load<u8>(q);
    const t = cls(c);
    if (t == DIGIT) store<u8>(sh + w++, c == 48 && q + 1 < e && (<i32>load<u8>(q + 1) | 32) == 120 ? 48 : 49);
    else if (t == HEX_LOWER) store<u8>(sh + w++, 97);
    else if (t == HEX_UPPER) store<u8>(sh + w++, 65);
    else store<u8>(sh + w++, c);
  }
  return w;
}

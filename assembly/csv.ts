// Pass 2 of `log-gardener mine` in WebAssembly (AssemblyScript): the CSV rows of a region of whole
// lines, `LineId,Content,EventId,EventTemplate`, as src/cli/mine/csv-rows.ts writes them for a
// line written as bytes (trimmed of ASCII white space, quoted if it holds '"', ',' or CR, each '"'
// doubled). A line that must be written as a string (ends that are not ASCII; non-ASCII bytes in a
// region that is not valid UTF-8) stops the loop with JS_LINE, and JS writes it; so does a row that
// does not fit the output area (OUT_FULL). Memory belongs to JS (imported). `npm run build:wasm`.

const NEWLINE = i8x16.splat(10);
const QUOTE = i8x16.splat(34);
const COMMA = i8x16.splat(44);
const CR = i8x16.splat(13);

const JS_LINE = -1;
const OUT_FULL = -2;
const MAX_DIGITS = 10;

// Layout, set once by layout().
let perLineAt = 0; // u32 per row: the index of its id (pass 1)
let tailAt = 0; // u32 pairs per id index: offset and length of ",EventId,EventTemplate\n"
let stateAt = 0; // i32[6]: see STATE_*

const STATE_POS = 0; // where the next line starts
const STATE_ROW = 1; // rows written
const STATE_OUT = 2; // where the next row goes
const STATE_LINE_END = 3; // JS_LINE: the line's '\n' (or the region's end)

// The LineId being written, in ASCII, right-aligned in DIGITS_AT[0, 16) from `firstDigit` on
// (bytes 0-127 of the memory are this module's: csv-core.ts puts its tables from 1024).
const DIGITS_AT = 128;
let firstDigit = DIGITS_AT + 16;

export function layout(perLine: i32, tails: i32, state: i32): void {
  perLineAt = perLine;
  tailAt = tails;
  stateAt = state;
}

// @ts-expect-error: decorator
@inline function isSpace(c: i32): bool {
  return c == 32 || (c >= 9 && c <= 13);
}

/**
 * Writes the rows of the lines of [pos, end) from row `row` (rows before it were written; LineId
 * is `firstId` + row + 1) until `rows`, at `out`, never past `outEnd`. `valid`: the region is valid
 * UTF-8. Returns 0 when the lines or the rows ran out, JS_LINE or OUT_FULL; the state block says
 * where it stopped.
 */
export function rows(pos: i32, end: i32, row: i32, rowCount: i32, out: i32, outEnd: i32, valid: bool, firstId: i32): i32 {
  let p = pos;
  let r = row;
  let o = out;
  let status = 0;
  // Counted up in place from here: one decimal conversion per call, not per row.
  setLineId(firstId + r + 1);
  while (p < end && r < rowCount) {
    // Sixteen bytes at a time: where the line ends, and whether it may hold '"', ',', CR or a
    // byte that is not ASCII (a hint only: the trimmed line is looked at again if so).
    let nl = p;
    let hint = 0;
    for (; nl + 16 <= end; nl += 16) {
      const v = v128.load(nl);
      const newline = i8x16.bitmask(i8x16.eq(v, NEWLINE));
      const odd = i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, QUOTE), i8x16.eq(v, COMMA)), i8x16.eq(v, CR))) | i8x16.bitmask(v);
      if (newline != 0) {
        const at = ctz(newline);
        hint |= odd & ((1 << at) - 1);
        nl += at;
        break;
      }
      hint |= odd;
    }
    if (nl + 16 > end) {
      while (nl < end && load<u8>(nl) != 10) {
        const c = load<u8>(nl);
        if (c == 34 || c == 44 || c == 13 || c >= 0x80) hint = 1;
        nl++;
      }
    }
    let s = p;
    let e = nl;
    while (s < e && isSpace(load<u8>(s))) s++;
    while (e > s && isSpace(load<u8>(e - 1))) e--;
    if (s < e && (load<u8>(s) >= 0x80 || load<u8>(e - 1) >= 0x80)) {
      status = JS_LINE;
      store<i32>(stateAt + (STATE_LINE_END << 2), nl);
      break;
    }
    let quotes = 0;
    let special = false;
    let high = false;
    if (hint != 0) {
      for (let k = s; k < e; k++) {
        const c = load<u8>(k);
        if (c == 34) quotes++;
        else if (c == 44 || c == 13) special = true;
        else if (c >= 0x80) high = true;
      }
    }
    if (high && !valid) {
      status = JS_LINE;
      store<i32>(stateAt + (STATE_LINE_END << 2), nl);
      break;
    }
    const tail = tailAt + (<i32>load<u32>(perLineAt + (r << 2)) << 3);
    const tailFrom = load<i32>(tail);
    const tailLen = load<i32>(tail + 4);
    const quoted = quotes > 0 || special;
    // COPY_SLACK: copy() may write that many bytes past the row (written over next).
    if (o + MAX_DIGITS + 1 + (e - s) + quotes + (quoted ? 2 : 0) + tailLen + COPY_SLACK > outEnd) {
      status = OUT_FULL;
      break;
    }
    // Ten bytes, whatever the length: the row's room (checked above) has MAX_DIGITS for them, and
    // what follows the digits is written over next.
    store<u64>(o, load<u64>(firstDigit));
    store<u16>(o + 8, load<u16>(firstDigit + 8));
    o += DIGITS_AT + 16 - firstDigit;
    nextLineId();
    store<u8>(o++, 44);
    if (quotes > 0) {
      store<u8>(o++, 34);
      for (let k = s; k < e; k++) {
        const c = load<u8>(k);
        store<u8>(o++, c);
        if (c == 34) store<u8>(o++, 34);
      }
      store<u8>(o++, 34);
    } else if (special) {
      store<u8>(o++, 34);
      copy(o, s, e - s);
      o += e - s;
      store<u8>(o++, 34);
    } else {
      copy(o, s, e - s);
      o += e - s;
    }
    copy(o, tailFrom, tailLen);
    o += tailLen;
    r++;
    p = nl + 1;
  }
  store<i32>(stateAt + (STATE_POS << 2), p < end ? p : end);
  store<i32>(stateAt + (STATE_ROW << 2), r);
  store<i32>(stateAt + (STATE_OUT << 2), o);
  return status;
}

/** Bytes copy() may write (and read) past the `n` it copies. */
const COPY_SLACK = 15;

/**
 * Copies `n` bytes from `src` to `dst` sixteen at a time (the areas never overlap). Most rows are
 * a line and a tail of a few dozen bytes, where memory.copy's call costs more than the copy.
 */
// @ts-expect-error: decorator
@inline function copy(dst: i32, src: i32, n: i32): void {
  for (let k = 0; k < n; k += 16) v128.store(dst + k, v128.load(src + k));
}

/** The LineId to write next is `v` (> 0). */
function setLineId(v: i32): void {
  let k = DIGITS_AT + 16;
  let x = <u32>v;
  do {
    k--;
    store<u8>(k, 48 + <i32>(x % 10));
    x /= 10;
  } while (x > 0);
  firstDigit = k;
}

/** Counts the LineId one up: trailing 9s become 0s, and a new leading digit 1 when all were 9. */
function nextLineId(): void {
  let k = DIGITS_AT + 15;
  while (k >= firstDigit && load<u8>(k) == 57) store<u8>(k--, 48);
  if (k < firstDigit) {
    store<u8>(k, 49);
    firstDigit = k;
  } else store<u8>(k, load<u8>(k) + 1);
}

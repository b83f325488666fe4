// Tokenizer: splits a message on whitespace, keeps punctuation attached to its token (so the
// template keeps "[preauth]", "uid=<*>", "(TID <*>)."), and masks variables per token. Only tokens
// holding a digit or a path/address character go through masking; plain words are sliced as-is.

import { maskToken, typed } from './mask.js';

const NUM = typed('num');

/**
 * Masked tokens of one message, appended to `out` (cleared first; reused by the hot path to avoid
 * allocating an array per line). Returns the number of tokens, or -1 as soon as it exceeds maxTokens.
 */
export function tokenizeInto(line: string, out: string[], maxTokens = Infinity): number {
  out.length = 0;
  const n = line.length;
  let start = -1;
  let mask = false;
  let digitsOnly = true;
  let maybeMonth = false;
  // Rolling window of the last four characters, lower-cased: spots "true", "false", "null"
  // (which carry no digit) at the cost of a shift per character.
  let last4 = 0;
  let bools = false;
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    const k = c < 128 ? (CLASS[c] as number) : OTHER;
    last4 = ((last4 << 8) | (c | 32)) >>> 0;
    if (k === SPACE) {
      if (start >= 0) {
        if (out.length >= maxTokens) return -1;
        out.push(digitsOnly ? NUM : mask ? maskToken(line.slice(start, i)) : line.slice(start, i));
        if (i - start === 3 && isUpper(line.charCodeAt(start))) maybeMonth = true;
        start = -1;
      }
      continue;
    }
    if (start < 0) {
      start = i;
      mask = false;
      digitsOnly = true;
    }
    if (k === DIGIT) mask = true;
    else {
      digitsOnly = false;
      if (k === TRIGGER) mask = true;
      else if ((last4 & 0xff) === 101 || (last4 & 0xff) === 108) {
        if (last4 === W_TRUE || last4 === W_ALSE || last4 === W_NULL) bools = true;
      }
    }
  }
  if (start >= 0) {
    if (out.length >= maxTokens) return -1;
    // A bare integer is the commonest variable: skip the rules for it.
    out.push(digitsOnly ? NUM : mask ? maskToken(line.slice(start)) : line.slice(start));
    if (n - start === 3 && isUpper(line.charCodeAt(start))) maybeMonth = true;
  }
  if (maybeMonth && out.length >= 3) collapseDates(out);
  // Booleans carry no digit, so the scan above did not send them to masking.
  if (bools) maskBools(out);
  return out.length;
}

// Character classes of the scan: one table load per character instead of a chain of compares.
const OTHER = 0;
const SPACE = 1; // any ASCII control character or space separates tokens
const DIGIT = 2;
const TRIGGER = 3; // '/', '@', '\': paths, addresses
const CLASS = new Uint8Array(128);
for (let c = 0; c <= 32; c++) CLASS[c] = SPACE;
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
CLASS[47] = TRIGGER;
CLASS[64] = TRIGGER;
CLASS[92] = TRIGGER;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;

const W_TRUE = 0x74727565; // "true"
const W_ALSE = 0x616c7365; // "alse"
const W_NULL = 0x6e756c6c; // "null"
function maskBools(out: string[]): void {
  for (let k = 0; k < out.length; k++) {
    const t = out[k] as string;
    if (/true|false|null/i.test(t)) out[k] = maskToken(t);
  }
}

const MONTHS = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
const WEEKDAYS = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
const TS = typed('ts');
const isVar = (t: string | undefined): boolean => t !== undefined && t.charCodeAt(0) === 0xe000 && t.indexOf('\uE001') === t.length - 1;

/**
 * A date written with spaces ("Sat Jun 11 04:47:44 2005", "Jun 11 04:47:44 EDT 2005") is one
 * variable, not five: collapsed in place into a single <ts> token.
 */
export function collapseDates(tokens: string[]): void {
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (!MONTHS.has(tokens[i] as string) || tokens[i + 1] !== NUM || !isVar(tokens[i + 2])) continue;
    let start = i;
    if (i > 0 && WEEKDAYS.has(tokens[i - 1] as string)) start = i - 1;
    let end = i + 3;
    const zone = tokens[end];
    if (zone !== undefined && /^[A-Z]{3,4}$/.test(zone) && tokens[end + 1] === NUM) end += 1;
    if (tokens[end] === NUM) end++;
    tokens.splice(start, end - start, TS);
  }
}

export function tokenize(line: string): string[] {
  const out: string[] = [];
  tokenizeInto(line, out);
  return out;
}

/** Tokens with the whitespace before each one and after the last, so the line can be rebuilt exactly. */
export interface SpacedTokens {
  tokens: string[];
  /** gaps[i] precedes tokens[i]; gaps[tokens.length] trails the line. */
  gaps: string[];
}

export function tokenizeWithSpacing(line: string): SpacedTokens {
  const tokens: string[] = [];
  const gaps: string[] = [];
  const re = /(\s*)(\S+)/gy;
  let last = 0;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) {
    gaps.push(m[1] ?? '');
    tokens.push(m[2] ?? '');
    last = re.lastIndex;
  }
  gaps.push(line.slice(last));
  return { tokens, gaps };
}

/** Inverse of tokenizeWithSpacing, with the tokens possibly replaced (e.g. rendered templates). */
export function joinWithSpacing(tokens: readonly string[], gaps: readonly string[]): string {
  let s = '';
  for (let i = 0; i < tokens.length; i++) s += (gaps[i] ?? ' ') + tokens[i];
  return s + (gaps[tokens.length] ?? '');
}

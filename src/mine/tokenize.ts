// Tokenizer: splits a message on whitespace, keeps punctuation attached to its token (so the
// template keeps "[preauth]", "uid=<*>", "(TID <*>)."), and masks variables per token. Only tokens
// holding a digit or a path/address character go through masking; plain words are sliced as-is.

import { maskToken } from './mask.js';

const needsMask = (c: number): boolean =>
  (c >= 48 && c <= 57) || c === 47 || c === 64 || c === 92; // digit / @ \

/**
 * Masked tokens of one message, appended to `out` (cleared first; reused by the hot path to avoid
 * allocating an array per line). Returns the number of tokens, or -1 as soon as it exceeds maxTokens.
 */
export function tokenizeInto(line: string, out: string[], maxTokens = Infinity): number {
  out.length = 0;
  const n = line.length;
  let start = -1;
  let mask = false;
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      if (start >= 0) {
        if (out.length >= maxTokens) return -1;
        const tok = line.slice(start, i);
        out.push(mask ? maskToken(tok) : tok);
        start = -1;
      }
    } else {
      if (start < 0) {
        start = i;
        mask = false;
      }
      if (!mask && needsMask(c)) mask = true;
    }
  }
  if (start >= 0) {
    if (out.length >= maxTokens) return -1;
    const tok = line.slice(start);
    out.push(mask ? maskToken(tok) : tok);
  }
  return out.length;
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

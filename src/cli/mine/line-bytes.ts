// A line of the `mine` command as bytes: trimmed in place, and whether those bytes can stand for
// the decoded, trim()med text the string reader gives the miner.

import { isUtf8 } from 'node:buffer';

/** What String.prototype.trim() removes among ASCII bytes: TAB, LF, VT, FF, CR and space. */
function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

export function trimStart(buf: Uint8Array, s: number, e: number): number {
  while (s < e && isAsciiSpace(buf[s] as number)) s++;
  return s;
}

export function trimEnd(buf: Uint8Array, s: number, e: number): number {
  while (e > s && isAsciiSpace(buf[e - 1] as number)) e--;
  return e;
}

/**
 * Whether the ASCII-trimmed line [s, e) is exactly the decoded and trim()med line, as UTF-8: its
 * end bytes are ASCII (and not white space), so no Unicode white space is left to trim, and its
 * bytes are valid UTF-8, so decoding replaces nothing. `valid` says the whole region is.
 */
export function bytePath(buf: Buffer, s: number, e: number, valid: boolean): boolean {
  if (s === e) return true;
  if ((buf[s] as number) >= 0x80 || (buf[e - 1] as number) >= 0x80) return false;
  return valid || isUtf8(buf.subarray(s, e));
}

/** The end of the line starting at `pos` in `buf[0, end)` (its '\n', or `end`). */
export function lineEnd(buf: Buffer, pos: number, end: number): number {
  const nl = buf.indexOf(10, pos);
  return nl === -1 || nl > end ? end : nl;
}

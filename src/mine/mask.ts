// Typed masking: recognises variable values inside one whitespace-separated token before the tree
// search, so the tree only sees the constant shape of a line. Two layers:
//  1. MASK_RULES, an ordered list of whole-value rules (first match wins), each testable alone;
//  2. a segment scan for mixed tokens: the token is cut at punctuation ("uid=0", "node-12",
//     "core.9369", "[10.0.0.1]") and only the segments that carry digits become variables, so the
//     key and the punctuation stay in the template ("uid=<*>", "node-<*>", "[<*>]"), as in the
//     Loghub labels. Adjacent variable segments joined by . : - / _ are one variable ("1.2.3.4:80").
// Everything is a char scan or an anchored regex on a token that already contains a digit or a
// path/mail character, so the common token (a plain word) costs one pass over its characters.

import { marker } from './markers.js';

export type MaskType =
  | 'url' | 'email' | 'path' | 'uuid' | 'mac' | 'ip' | 'ts' | 'date' | 'dur' | 'size' | 'hex' | 'num' | 'id';

export interface MaskRule {
  type: MaskType;
  /** Whole-value test on a token stripped of surrounding brackets, quotes and trailing punctuation. */
  test(value: string): boolean;
}

const C0 = 48;
const C9 = 57;
const isDigit = (c: number): boolean => c >= C0 && c <= C9;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAlnum = (c: number): boolean => isDigit(c) || isLetter(c);
const isHexLetter = (c: number): boolean => (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** A plain decimal number, optionally signed, with a fraction or thousands separators. */
function isNumber(v: string): boolean {
  let i = v.charCodeAt(0) === 45 || v.charCodeAt(0) === 43 ? 1 : 0; // - +
  if (i >= v.length) return false;
  let digits = 0;
  let dots = 0;
  for (; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if ((c === 46 || c === 44) && digits > 0 && i + 1 < v.length && isDigit(v.charCodeAt(i + 1))) {
      if (c === 46 && ++dots > 1) return false; // "1.2.3.4" is not a number
    } else return false;
  }
  return digits > 0;
}

/** 0x-prefixed hex, or a run of hex digits long enough to be an id (with at least one digit). */
function isHex(v: string): boolean {
  let i = 0;
  if (v.length > 2 && v.charCodeAt(0) === C0 && (v.charCodeAt(1) === 120 || v.charCodeAt(1) === 88)) i = 2;
  else if (v.length < 6) return false;
  let digits = 0;
  for (; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (!isHexLetter(c)) return false;
  }
  return digits > 0 || v.charCodeAt(1) === 120 || v.charCodeAt(1) === 88;
}

const URL_RE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/\S+$/;
const EMAIL_RE = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}$/;
const UNIX_PATH_RE = /^(?:~|\.{1,2})?\/(?:[^/\s]+\/)+[^/\s]*$/;
const WIN_PATH_RE = /^[a-zA-Z]:\\\S*$/;
const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const MAC_RE = /^[0-9a-fA-F]{2}(?:[:-][0-9a-fA-F]{2}){5,}$/;
const IPV4_RE = /^\/?\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?::\d{1,5})?$/;
const IPV6_RE = /^\[?(?=[0-9a-fA-F:]*:[0-9a-fA-F:]*:)[0-9a-fA-F:]{2,39}(?:%\w+)?\]?(?::\d{1,5})?$/;
const TS_RE = /^\d{2,4}[-/.]\d{1,2}[-/.]\d{1,4}[T_ -]?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[.,:]\d+)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const DATE_RE = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)$/;
const DUR_RE = /^-?\d+(?:\.\d+)?(?:ns|us|µs|ms|s|sec|secs|m|min|mins|h|hr|hrs|d)$/i;
const SIZE_RE = /^\d+(?:\.\d+)?(?:b|kb|mb|gb|tb|kib|mib|gib|tib|k|m|g|bytes)$/i;

/** Ordered: the first rule whose test passes names the variable. */
export const MASK_RULES: readonly MaskRule[] = [
  { type: 'num', test: isNumber },
  { type: 'url', test: (v) => v.includes('://') && URL_RE.test(v) },
  { type: 'email', test: (v) => v.includes('@') && EMAIL_RE.test(v) },
  { type: 'path', test: (v) => (v.includes('/') && UNIX_PATH_RE.test(v) && v.indexOf('/') !== v.lastIndexOf('/')) || (v.includes('\\') && WIN_PATH_RE.test(v)) },
  { type: 'uuid', test: (v) => v.length === 36 && UUID_RE.test(v) },
  { type: 'mac', test: (v) => v.length >= 17 && MAC_RE.test(v) },
  { type: 'ip', test: (v) => IPV4_RE.test(v) || (v.includes('::') || v.split(':').length > 3 ? IPV6_RE.test(v) : false) },
  { type: 'ts', test: (v) => TS_RE.test(v) },
  { type: 'date', test: (v) => DATE_RE.test(v) },
  { type: 'dur', test: (v) => DUR_RE.test(v) },
  { type: 'size', test: (v) => SIZE_RE.test(v) },
  { type: 'hex', test: isHex },
];

/** The type of a whole value, or undefined if no rule matches. */
export function classify(value: string): MaskType | undefined {
  for (const rule of MASK_RULES) if (rule.test(value)) return rule.type;
  return undefined;
}

// Brackets and quotes around a value, and punctuation that ends a clause, stay in the template.
const LEAD = new Set([40, 91, 123, 60, 34, 39]); // ( [ { < " '
const TRAIL = new Set([41, 93, 125, 62, 34, 39, 44, 59, 58, 46, 33, 63]); // ) ] } > " ' , ; : . ! ?

/**
 * Masks the variables of one token. Returns the token itself when nothing is variable, so callers
 * can compare by identity. Markers replace the variable parts (see markers.ts).
 */
export function maskToken(token: string): string {
  let i = 0;
  let j = token.length;
  while (i < j && LEAD.has(token.charCodeAt(i))) i++;
  while (j > i && TRAIL.has(token.charCodeAt(j - 1))) j--;
  if (i === j) return token;
  const core = i === 0 && j === token.length ? token : token.slice(i, j);
  const masked = maskCore(core);
  if (masked === core) return token;
  return token.slice(0, i) + masked + token.slice(j);
}

function maskCore(core: string): string {
  const type = classify(core);
  if (type !== undefined) return marker(type);
  // key=value keeps the key ("PSR0=<*>"); the value is masked like a token of its own.
  const eq = core.indexOf('=');
  if (eq > 0 && eq < core.length - 1) {
    const value = core.slice(eq + 1);
    const mv = maskToken(value);
    return mv === value ? core : core.slice(0, eq + 1) + mv;
  }
  return maskSegments(core);
}

// Characters that cut a token into segments. '.', '-' and '/' only cut in some contexts (below).
const DELIM = new Set([61, 44, 59, 58, 40, 41, 91, 93, 123, 125, 34, 39, 124, 64, 35, 60, 62, 43, 42, 92]);
// = , ; : ( ) [ ] { } " ' | @ # < > + * \
// Between two variable segments these characters glue them into one variable (1.2.3.4:80, 2015-10-18).
const JOIN = new Set([46, 58, 45, 47, 95]); // . : - / _

/**
 * A segment is variable when it carries digits as data: two or more digits, or a digit with at most
 * one letter ("0", "u0", "5s"). A word with one digit ("ssh2", "log4j", "utf8") is a name.
 */
export function isVariableSegment(s: string, from = 0, to = s.length): boolean {
  let digits = 0;
  let letters = 0;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (isDigit(c)) digits++;
    else if (isLetter(c)) letters++;
  }
  return digits >= 2 || (digits === 1 && letters <= 1);
}

function isCut(s: string, k: number): boolean {
  const c = s.charCodeAt(k);
  if (DELIM.has(c)) return true;
  const prev = k > 0 ? s.charCodeAt(k - 1) : 0;
  const next = k + 1 < s.length ? s.charCodeAt(k + 1) : 0;
  if (c === 45) return isAlnum(prev) && isAlnum(next); // "node-12" but not "blk_-12" or "-5"
  if (c === 46) return isLetter(prev) !== isLetter(next) && isAlnum(prev) && isAlnum(next); // "core.12", "12.log", not "1.2"
  if (c === 47) return true;
  return false;
}

function maskSegments(core: string): string {
  // Collect segments [start, end) and the single cut char after each.
  let out = '';
  let changed = false;
  let segStart = 0;
  let pendingVar = false; // a variable run is open
  let runText = '';
  let gap = ''; // cut characters seen since the open variable run
  const n = core.length;
  for (let k = 0; k <= n; k++) {
    if (k < n && !isCut(core, k)) continue;
    const segIsVar = k > segStart && isVariableSegment(core, segStart, k);
    const seg = core.slice(segStart, k);
    if (segIsVar) {
      if (pendingVar && gap.length === 1 && JOIN.has(gap.charCodeAt(0))) {
        runText += gap + seg; // glue: one variable
      } else {
        if (pendingVar) out += marker(runType(runText));
        out += gap;
        runText = seg;
      }
      pendingVar = true;
      changed = true;
      gap = '';
    } else {
      if (pendingVar) {
        out += marker(runType(runText));
        pendingVar = false;
      }
      out += gap + seg;
      gap = '';
    }
    if (k < n) {
      gap += core[k];
      if (!pendingVar) {
        out += gap;
        gap = '';
      }
    }
    segStart = k + 1;
  }
  if (pendingVar) out += marker(runType(runText));
  out += gap;
  return changed ? out : core;
}

function runType(v: string): MaskType {
  return classify(v) ?? 'id';
}

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
  | 'bool' | 'url' | 'email' | 'host' | 'b64' | 'path' | 'uuid' | 'mac' | 'ip' | 'ts' | 'date' | 'dur' | 'size' | 'hex' | 'num' | 'id';

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

/** Dotted quad with optional ":port" and leading "/", by a char scan (the regex is the reference). */
function isIpv4(v: string): boolean {
  let i = v.charCodeAt(0) === 47 ? 1 : 0;
  for (let part = 0; part < 4; part++) {
    let d = 0;
    while (i < v.length && isDigit(v.charCodeAt(i)) && d < 4) { i++; d++; }
    if (d === 0 || d > 3) return false;
    if (part < 3) {
      if (v.charCodeAt(i) !== 46) return false;
      i++;
    }
  }
  if (i === v.length) return true;
  if (v.charCodeAt(i) !== 58) return false;
  let d = 0;
  for (i++; i < v.length; i++, d++) if (!isDigit(v.charCodeAt(i))) return false;
  return d >= 1 && d <= 5;
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
  { type: 'bool', test: isBool },
  { type: 'url', test: (v) => v.includes('://') && URL_RE.test(v) },
  { type: 'email', test: (v) => v.includes('@') && EMAIL_RE.test(v) },
  { type: 'path', test: isPath },
  { type: 'host', test: isHost },
  { type: 'uuid', test: (v) => v.length === 36 && UUID_RE.test(v) },
  { type: 'mac', test: (v) => v.length >= 17 && MAC_RE.test(v) },
  { type: 'ip', test: (v) => IPV4_RE.test(v) || ((v.includes('::') || v.split(':').length > 3) && IPV6_RE.test(v)) },
  { type: 'ts', test: (v) => TS_RE.test(v) },
  { type: 'date', test: (v) => DATE_RE.test(v) },
  { type: 'dur', test: (v) => DUR_RE.test(v) },
  { type: 'size', test: (v) => SIZE_RE.test(v) },
  { type: 'hex', test: isHex },
];

// Host names that carry a number: "host8.example.net", "dsl-12-3.isp.co.uk" (a dotted name ending
// in an alphabetic top-level label) and "msra-sa-41" (lower-case dash-separated, ending in digits).
const FQDN_RE = /^[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.[a-z]{2,10}(?::\d{1,5})?$/;
const DASH_HOST_RE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+){2,}(?::\d{1,5})?$/;
export function isHost(v: string): boolean {
  // Cheap shape checks first: a host name ends in a letter (TLD), a digit (dash form) or a port.
  const first = v.charCodeAt(0);
  if (!isAlnum(first)) return false;
  const last = v.charCodeAt(v.length - 1);
  const fqdn = (last >= 97 && last <= 122) || (isDigit(last) && v.includes(':'));
  const dash = isDigit(last) && first >= 97 && first <= 122;
  if (!fqdn && !dash) return false;
  return /\d/.test(v) && ((fqdn && FQDN_RE.test(v)) || (dash && DASH_HOST_RE.test(v)));
}

const BOOLS = new Set(['true', 'false', 'null', 'True', 'False', 'Null', 'TRUE', 'FALSE', 'NULL']);
/** Booleans and null are values (the Loghub labels mark "setLightsOn(<*>)"). */
export function isBool(v: string): boolean {
  return v.length >= 4 && v.length <= 5 && BOOLS.has(v);
}

function isPath(v: string): boolean {
  const slash = v.indexOf('/');
  if (slash !== -1) return slash !== v.lastIndexOf('/') && UNIX_PATH_RE.test(v);
  return v.includes('\\') && WIN_PATH_RE.test(v);
}

// Which rules can match, from one scan of the value: most values skip every regex.
const F_DIGIT = 1, F_DOT = 2, F_COLON = 4, F_DASH = 8, F_SLASH = 16, F_AT = 32, F_BSLASH = 64, F_OTHER = 128;
function features(v: string): number {
  let f = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) f |= F_DIGIT;
    else if (c === 46) f |= F_DOT;
    else if (c === 58) f |= F_COLON;
    else if (c === 45) f |= F_DASH;
    else if (c === 47) f |= F_SLASH;
    else if (c === 64) f |= F_AT;
    else if (c === 92) f |= F_BSLASH;
    else if (!isLetter(c) && c !== 95 && c !== 43) f |= F_OTHER;
  }
  return f;
}

/**
 * The type of a whole value, or undefined if no rule matches. Same answer as trying MASK_RULES in
 * order, but rules that cannot match (by the characters present) are not tried.
 */
export function classify(value: string): MaskType | undefined {
  const f = features(value);
  if (f & F_DIGIT && isNumber(value)) return 'num';
  if (f === 0 && isBool(value)) return 'bool';
  if (f & (F_SLASH | F_AT | F_BSLASH)) {
    if (f & F_COLON && f & F_SLASH && value.includes('://') && URL_RE.test(value)) return 'url';
    if (f & F_AT && EMAIL_RE.test(value)) return 'email';
    if (f & (F_SLASH | F_BSLASH) && isPath(value)) return 'path';
  }
  if (!(f & F_DIGIT)) return undefined; // every remaining rule needs a digit
  if (f & (F_DOT | F_DASH) && !(f & (F_SLASH | F_AT | F_BSLASH | F_OTHER)) && isHost(value)) return 'host';
  if (f & F_DASH && value.length === 36 && UUID_RE.test(value)) return 'uuid';
  if (f & (F_COLON | F_DASH) && value.length >= 17 && (isDigit(value.charCodeAt(0)) || isHexLetter(value.charCodeAt(0))) && MAC_RE.test(value)) return 'mac';
  if (f & (F_DOT | F_COLON)) {
    if ((f & F_DOT && isIpv4(value)) || IPV4_RE.test(value) || (f & F_COLON && (value.includes('::') || value.split(':').length > 3) && IPV6_RE.test(value))) return 'ip';
  }
  if (f & (F_DOT | F_COLON | F_DASH | F_SLASH) && isDigit(value.charCodeAt(0))) {
    if (TS_RE.test(value)) return 'ts';
    if (DATE_RE.test(value)) return 'date';
  }
  if (!(f & (F_COLON | F_DASH | F_SLASH | F_OTHER))) {
    if (DUR_RE.test(value)) return 'dur';
    if (SIZE_RE.test(value)) return 'size';
  }
  if (f === F_DIGIT && isHex(value)) return 'hex';
  return undefined;
}

/** The first rule of MASK_RULES that matches, tried one by one (reference for classify). */
export function classifySlow(value: string): MaskType | undefined {
  for (const rule of MASK_RULES) if (rule.test(value)) return rule.type;
  return undefined;
}

const MARKERS = new Map<string, string>();
/** Interned marker strings, one per type. */
export function typed(type: MaskType): string {
  let m = MARKERS.get(type);
  if (m === undefined) MARKERS.set(type, (m = marker(type)));
  return m;
}

// Brackets and quotes around a value, and punctuation that ends a clause, stay in the template.
export const LEAD = new Uint8Array(128);
for (const ch of '([{<"\'') LEAD[ch.charCodeAt(0)] = 1;
export const TRAIL = new Uint8Array(128);
for (const ch of ')]}>"\',;:.!?') TRAIL[ch.charCodeAt(0)] = 1;

/**
 * Masks the variables of one token. Returns the token itself when nothing is variable, so callers
 * can compare by identity. Markers replace the variable parts (see markers.ts).
 */
export function maskToken(token: string): string {
  let i = 0;
  let j = token.length;
  while (i < j && LEAD[token.charCodeAt(i)] === 1) i++;
  while (j > i && TRAIL[token.charCodeAt(j - 1)] === 1) j--;
  if (i === j) return token;
  const core = i === 0 && j === token.length ? token : token.slice(i, j);
  const masked = maskCore(core);
  if (masked === core) return token;
  return token.slice(0, i) + masked + token.slice(j);
}

function maskCore(core: string): string {
  // key=value keeps the key ("PSR0=<*>"); the value is masked like a token of its own.
  const eq = core.indexOf('=');
  if (eq === -1 || core.includes('://')) {
    const type = classify(core);
    if (type !== undefined) return typed(type);
  } else if (eq > 0 && eq < core.length - 1) {
    const value = core.slice(eq + 1);
    const mv = value.indexOf('=') === -1 ? maskToken(value) : maskSegments(value);
    return mv === value ? core : core.slice(0, eq + 1) + mv;
  }
  // Base64 blobs (keys, fingerprints, tokens), bare or after a "SHA256:"-style label.
  if (core.length >= 20 && core.indexOf('-') === -1 && core.indexOf('.') === -1 && core.indexOf('_') === -1) {
    const colon = core.indexOf(':');
    if (isBase64(core)) return typed('b64');
    if (colon > 0 && isBase64(core.slice(colon + 1))) return core.slice(0, colon + 1) + typed('b64');
  }
  return maskSegments(core);
}

const B64_RE = /^[A-Za-z0-9+/]{16,}={0,2}$/;
/** Long base64 with digits and both cases (so words and hex ids do not qualify). */
export function isBase64(v: string): boolean {
  return v.length >= 16 && B64_RE.test(v) && /\d/.test(v) && /[a-z]/.test(v) && /[A-Z]/.test(v);
}

// Characters that cut a token into segments: = , ; : ( ) [ ] { } " ' | @ # < > + * \ and '/'.
// '-' and '.' cut only in some contexts (isCut). JOIN: between two variable segments these glue
// them into one variable (1.2.3.4:80, 2015-10-18, a/b).
const CUT = new Uint8Array(128);
for (const ch of '=,;:()[]{}"\'|@#<>+*\\/') CUT[ch.charCodeAt(0)] = 1;
const JOIN = new Uint8Array(128);
for (const ch of '.:-/_') JOIN[ch.charCodeAt(0)] = 1;

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

function isCut(s: string, k: number, c: number): boolean {
  if (c < 128 && CUT[c] === 1) return true;
  if (c !== 45 && c !== 46) return false;
  const prev = k > 0 ? s.charCodeAt(k - 1) : 0;
  const next = k + 1 < s.length ? s.charCodeAt(k + 1) : 0;
  if (c === 45) return isAlnum(prev) && isAlnum(next); // "node-12" but not "blk_-12" or "-5"
  return isLetter(prev) !== isLetter(next) && isAlnum(prev) && isAlnum(next); // "core.12", "12.log", not "1.2"
}

/** Masks the variable segments of a mixed token; returns `core` itself when none is variable. */
function maskSegments(core: string): string {
  const n = core.length;
  let out = '';
  let copied = 0; // core[0, copied) is already in out
  let runStart = -1;
  let runEnd = -1;
  let runDigits = true; // the open run is digits only
  let segStart = 0;
  let digits = 0;
  let letters = 0;
  for (let k = 0; k <= n; k++) {
    const c = k < n ? core.charCodeAt(k) : -1;
    if (c !== -1 && !isCut(core, k, c)) {
      if (c >= 48 && c <= 57) digits++;
      else if (isLetter(c)) letters++;
      continue;
    }
    if (k > segStart && (digits >= 2 || (digits === 1 && letters <= 1) || (digits === 0 && letters === k - segStart && isBool(core.slice(segStart, k))))) {
      const segDigits = letters === 0 && digits === k - segStart;
      const glue = runStart >= 0 && runEnd === segStart - 1 && JOIN[core.charCodeAt(runEnd)] === 1;
      if (glue) {
        runEnd = k;
        runDigits = false;
      } else {
        if (runStart >= 0) {
          out += core.slice(copied, runStart) + typed(runDigits ? 'num' : 'id');
          copied = runEnd;
        }
        runStart = segStart;
        runEnd = k;
        runDigits = segDigits;
      }
    }
    digits = 0;
    letters = 0;
    segStart = k + 1;
  }
  if (runStart < 0) return core;
  out += core.slice(copied, runStart) + typed(runDigits ? 'num' : 'id');
  return out + core.slice(runEnd);
}



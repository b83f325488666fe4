// The SHAPE of a token: what masking (mask.ts) can tell about it. Masking decides from character
// classes, counts and a few positions, never from which digit or which hex letter it sees, so two
// tokens with one shape are masked alike. The fast lane (fast-lane.ts) memoizes masking by shape;
// this file is the reference definition its byte scan is tested against.
//
// Within a token, a RUN is a maximal sequence of ASCII letters and digits. Runs without a digit,
// and punctuation, stay as they are. A run with digits:
//  - only digits: each digit becomes '1';
//  - digits then letters only ("5ms", "12d", "3kb"): digits become '1', letters stay (a unit may
//    be read: DUR_RE, SIZE_RE);
//  - hex digits only, mixed ("3fa2b9", "c0ffee42"), or the part after a leading "0x": COARSE. What
//    masking can read of such a run is its length, the class of its first and last characters
//    (isCut, isHost, URL and path rules), how many digits and letters it holds (0, 1, or more:
//    isVariableSegment) and whether it holds lower / upper case letters (isBase64,
//    DASH_HOST_RE). The run becomes: first class, 'h' fillers, last class, then one byte >= 0x80
//    holding the counts and cases (input bytes are ASCII, so that byte cannot be confused);
//  - otherwise (other letters too: "node12", "ssh2"): digits become '1' (a '0' before 'x' stays),
//    hex letters become 'a' / 'A'.
// Masking copies constant text into its output ("ssh2" stays "ssh2"): such an output depends on
// the collapsed characters. The fast lane detects that with two representatives of the shape
// (repA, repB: every collapsed character replaced, in two different ways) before trusting a shape.

export interface TokenShape {
  shape: string;
  /** The token with every collapsed character replaced by '1' / 'a' / 'A' (same shape). */
  repA: string;
  /** The token with every collapsed character replaced by '7' / 'e' / 'E' (same shape). */
  repB: string;
  /** True if any character was collapsed (otherwise the shape is the token itself). */
  collapsed: boolean;
}

export const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isHexLower = (c: number): boolean => c >= 97 && c <= 102;
const isHexUpper = (c: number): boolean => c >= 65 && c <= 70;
const isAlnum = (c: number): boolean => isDigitCode(c) || isLetter(c);

/** Class byte of a hex character in a coarse run: '1' digit, 'a' lower, 'A' upper. */
export const hexClass = (c: number): number => (isDigitCode(c) ? 49 : isHexLower(c) ? 97 : 65);
/** Fill byte between the first and last class bytes of a coarse run. */
export const COARSE_FILL = 104; // 'h'
/** The byte closing a coarse run: 0x80 | digits (0-2) | letters (0-2) << 2 | lower << 4 | upper << 5. */
export function coarseByte(digits: number, letters: number, lower: boolean, upper: boolean): number {
  return 0x80 | Math.min(digits, 2) | (Math.min(letters, 2) << 2) | (lower ? 16 : 0) | (upper ? 32 : 0);
}

// A whole token that is a UUID, maybe in brackets or quotes or before punctuation (mask.ts strips
// those): masking reads only whether its first character is a lower-case letter, whether its last
// is a digit, whether it has upper-case letters and whether it has a digit at all (a dashed
// lower-case name ending in a digit is a host name to isHost; without a digit nothing is masked).
// Its five runs would otherwise multiply into millions of shapes.
const UUID_TOKEN_RE = /^([([{<"']*)([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})([)\]}>"',;:.!?]*)$/;
/** First byte of a UUID's shape (never an input byte: input is ASCII). */
export const UUID_MARK = 0x8f;
export function uuidCode(firstLower: boolean, lastDigit: boolean, upper: boolean, digit: boolean): number {
  return 0x80 | (firstLower ? 1 : 0) | (lastDigit ? 2 : 0) | (upper ? 4 : 0) | (digit ? 8 : 0);
}

// A whole token that is a path or a URL (again maybe wrapped): masking types it as one variable
// whatever its characters (classify: no number, boolean or e-mail rule can take a value that starts
// with '/' or with "scheme://"; a path with '=' goes the key=value way, so it is left out).
const WRAPPED_RE = /^([([{<"']*)(.*?)([)\]}>"',;:.!?]*)$/;
const PATH_CORE_RE = /^\/(?:[^/\s=]+\/)+[^/\s=]*$/;
const URL_CORE_RE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/\S+$/;
export const PATH_MARK = 0x90;
export const URL_MARK = 0x91;

/** Reference shape of one token (ASCII; other characters are kept as they are). */
export function tokenShape(token: string): TokenShape {
  const wrapped = WRAPPED_RE.exec(token);
  if (wrapped !== null) {
    const [, lead = '', core = '', trail = ''] = wrapped;
    const path = PATH_CORE_RE.test(core);
    if (path || URL_CORE_RE.test(core)) {
      return {
        shape: lead + String.fromCharCode(path ? PATH_MARK : URL_MARK) + trail,
        repA: lead + (path ? '/a/' : 'a://a') + trail,
        repB: lead + (path ? '/e/e' : 'e://e') + trail,
        collapsed: true,
      };
    }
  }
  const uuid = UUID_TOKEN_RE.exec(token);
  // Without a hex letter it is digits and dashes, shaped like any such token (the fast lane's first
  // pass takes it so).
  if (uuid !== null && /[a-fA-F]/.test(uuid[2] ?? '')) {
    const [, lead = '', value = '', trail = ''] = uuid;
    const first = value.charCodeAt(0);
    const code = uuidCode(first >= 97 && first <= 102, isDigitCode(value.charCodeAt(35)), /[A-F]/.test(value), /\d/.test(value));
    const rep = (d: string, l: string, u: string): string => lead + value.replace(/[0-9]/g, d).replace(/[a-f]/g, l).replace(/[A-F]/g, u) + trail;
    return { shape: lead + String.fromCharCode(UUID_MARK, code) + trail, repA: rep('1', 'a', 'A'), repB: rep('7', 'e', 'E'), collapsed: true };
  }
  const n = token.length;
  const shape: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  let collapsed = false;
  const keep = (c: number): void => {
    shape.push(c);
    a.push(c);
    b.push(c);
  };
  // A collapsed character: its class in the representatives, `s` in the shape (fine form).
  const collapse = (c: number, s: number | undefined): void => {
    collapsed = true;
    if (s !== undefined) shape.push(s);
    if (isDigitCode(c)) {
      a.push(49);
      b.push(55);
    } else if (isHexLower(c)) {
      a.push(97);
      b.push(101);
    } else {
      a.push(65);
      b.push(69);
    }
  };
  let i = 0;
  while (i < n) {
    const c = token.charCodeAt(i);
    if (!isAlnum(c)) {
      keep(c);
      i++;
      continue;
    }
    let j = i;
    while (j < n && isAlnum(token.charCodeAt(j))) j++;
    const run = token.slice(i, j);
    if (!/\d/.test(run)) for (let k = i; k < j; k++) keep(token.charCodeAt(k));
    else if (/^\d+$/.test(run)) for (let k = i; k < j; k++) collapse(token.charCodeAt(k), 49);
    else if (/^\d+[A-Za-z]+$/.test(run)) {
      for (let k = i; k < j; k++) {
        const ch = token.charCodeAt(k);
        const next = k + 1 < n ? token.charCodeAt(k + 1) : 0;
        if (isDigitCode(ch) && !(ch === 48 && (next === 120 || next === 88))) collapse(ch, 49);
        else keep(ch);
      }
    } else {
      const hex0x = /^0[xX][0-9a-fA-F]+$/.test(run);
      const from = hex0x ? i + 2 : i;
      if (hex0x) {
        keep(48);
        keep(token.charCodeAt(i + 1));
      }
      if (hex0x || /^[0-9a-fA-F]+$/.test(run)) {
        // Coarse run.
        let digits = 0;
        let letters = 0;
        let lower = false;
        let upper = false;
        for (let k = from; k < j; k++) {
          const ch = token.charCodeAt(k);
          if (isDigitCode(ch)) digits++;
          else {
            letters++;
            if (isHexLower(ch)) lower = true;
            else upper = true;
          }
          collapse(ch, undefined);
        }
        shape.push(hexClass(token.charCodeAt(from)));
        for (let k = from + 1; k < j - 1; k++) shape.push(COARSE_FILL);
        if (j - from >= 2) shape.push(hexClass(token.charCodeAt(j - 1)));
        shape.push(coarseByte(digits, letters, lower, upper));
      } else {
        for (let k = i; k < j; k++) {
          const ch = token.charCodeAt(k);
          const next = k + 1 < n ? token.charCodeAt(k + 1) : 0;
          if (isDigitCode(ch) && !(ch === 48 && (next === 120 || next === 88))) collapse(ch, 49);
          else if (isHexLower(ch)) collapse(ch, 97);
          else if (isHexUpper(ch)) collapse(ch, 65);
          else keep(ch);
        }
      }
    }
    i = j;
  }
  return { shape: String.fromCharCode(...shape), repA: String.fromCharCode(...a), repB: String.fromCharCode(...b), collapsed };
}

// Variables inside token strings are marked with two private-use characters, so a literal "<ok>" or
// "<*>" in a log line can never be mistaken for a variable. Rendering turns markers into the
// Loghub "<*>" (or "<type>" for the canonical form that ids hash).

export const VAR_OPEN = '\uE000';
export const VAR_CLOSE = '\uE001';
export const VAR_OPEN_CODE = 0xe000;

/** Marker of a typed variable found by masking, e.g. marker('num'). */
export function marker(type: string): string {
  return VAR_OPEN + type + VAR_CLOSE;
}

/** The marker the miner writes where lines of one cluster disagree. */
export const WILDCARD = marker('*');

export function hasMarker(token: string): boolean {
  return token.indexOf(VAR_OPEN) !== -1;
}

/** True when the whole token is one marker (a pure variable position). */
export function isPureMarker(token: string): boolean {
  return token.charCodeAt(0) === VAR_OPEN_CODE && token.indexOf(VAR_CLOSE) === token.length - 1;
}

const MARKER_RE = /\uE000[^\uE001]*\uE001/g;
/** Several variables touching with nothing between them are one variable in the Loghub convention. */
const ADJACENT_RE = /(?:<\*>){2,}/g;

/** Loghub convention: every variable is "<*>". */
export function renderToken(token: string): string {
  if (token.indexOf(VAR_OPEN) === -1) return token;
  return token.replace(MARKER_RE, '<*>').replace(ADJACENT_RE, '<*>');
}

/** MARKER_RE with the type captured, for a replacement the regexp engine makes on its own. */
const MARKER_TYPE_RE = /\uE000([^\uE001]*)\uE001/g;

/** Canonical form keeps the variable types ("<num>", "<ip>", "<*>"): what stable ids hash. */
export function canonicalToken(token: string): string {
  if (token.indexOf(VAR_OPEN) === -1) return token;
  // '$1' in a replacement string is the captured type, and '$' in the type itself is text: the
  // same result as a replacer function, without calling back into JS per marker (the miner makes
  // a canonical key at every creation and widening, most of them while its code is still cold).
  return token.replace(MARKER_TYPE_RE, '<$1>');
}

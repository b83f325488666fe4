// How a line compares with a template, and how a template widens to cover a line. Positions are
// compared one to one (the prefix tree has already grouped lines by token count).

import { VAR_OPEN_CODE, WILDCARD, hasMarker } from './markers.js';

/**
 * Share of positions where the line fits the template: equal tokens, or two masked variables
 * (whatever their types). Positions the template has already widened to <*> are not counted as
 * matches (Drain's rule), so a template cannot absorb lines just because it is mostly variables;
 * `fitsAll` reports whether every constant position matched, which short lines require.
 */
export function similarity(template: readonly string[], tokens: readonly string[]): number {
  const n = template.length;
  if (n === 0) return tokens.length === 0 ? 1 : 0;
  let same = 0;
  for (let i = 0; i < n; i++) {
    const t = template[i] as string;
    const l = tokens[i] as string;
    if (t === l) {
      if (t !== WILDCARD) same++;
    } else if (t === WILDCARD) {
      continue;
    } else if (t.charCodeAt(0) === VAR_OPEN_CODE && l.charCodeAt(0) === VAR_OPEN_CODE) {
      same++; // both variables at the same position
    } else if (tokenFits(t, l)) {
      same++; // "user=<*>" against "user=bob": the constant part matched
    }
  }
  return same / n;
}

/** Number of template positions that neither equal the line's token nor are already <*>. */
export function mismatches(template: readonly string[], tokens: readonly string[]): number {
  let k = 0;
  for (let i = 0; i < template.length; i++) {
    const t = template[i] as string;
    if (t !== tokens[i] && t !== WILDCARD && !tokenFits(t, tokens[i] as string)) k++;
  }
  return k;
}

/** A partly widened template token ("user=<*>") covers a line token with the same constant ends. */
export function tokenFits(t: string, l: string): boolean {
  const w = t.indexOf(WILDCARD);
  if (w < 0) return false;
  const e = t.lastIndexOf(WILDCARD) + WILDCARD.length;
  return l.length >= w + (t.length - e) && l.startsWith(t.slice(0, w)) && l.endsWith(t.slice(e));
}

const PREFIX_END = new Set('=:([{"\'@#/|,'.split('').map((c) => c.charCodeAt(0)));
const SUFFIX_START = new Set(')]}"\',;:.@#/|'.split('').map((c) => c.charCodeAt(0)));

/**
 * The widened form of two different tokens: their common prefix up to a punctuation mark and common
 * suffix from one stay, the middle becomes <*> ("user=root" + "user=admin" → "user=<*>",
 * "'a'," + "'bc'," → "'<*>',"); tokens with nothing in common become <*>.
 */
export function generalizeToken(a: string, b: string): string {
  if (a === WILDCARD || b === WILDCARD) return WILDCARD;
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  while (p > 0 && !PREFIX_END.has(a.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  while (s > 0 && !SUFFIX_START.has(a.charCodeAt(a.length - s))) s--;
  if (p === 0 && s === 0) return WILDCARD;
  const prefix = a.slice(0, p);
  const suffix = a.slice(a.length - s);
  // Never cut a marker in half.
  if (hasMarker(prefix) && prefix.lastIndexOf('\uE000') > prefix.lastIndexOf('\uE001')) return WILDCARD;
  if (hasMarker(suffix) && suffix.indexOf('\uE001') < suffix.indexOf('\uE000')) return WILDCARD;
  return prefix + WILDCARD + suffix;
}

/**
 * Widens `template` in place to cover `tokens`; returns true if anything changed.
 * Same length is a precondition (see the prefix tree).
 */
export function widen(template: string[], tokens: readonly string[]): boolean {
  let changed = false;
  for (let i = 0; i < template.length; i++) {
    const t = template[i] as string;
    const l = tokens[i] as string;
    if (t !== l && t !== WILDCARD && !tokenFits(t, l)) {
      const g = generalizeToken(t, l);
      if (g !== t) {
        template[i] = g;
        changed = true;
      }
    }
  }
  return changed;
}

// How a line compares with a template, and how a template widens to cover a line. Positions are
// compared one to one (the prefix tree has already grouped lines by token count).

import { VAR_CLOSE, VAR_OPEN, VAR_OPEN_CODE, WILDCARD, hasMarker } from './markers.js';

/**
 * Share of positions where the line fits the template: equal tokens, two masked variables (whatever
 * their types), or a partly widened token whose constant ends match. Positions the template has
 * already widened to <*> do not count as matches (Drain's rule), so a template cannot absorb lines
 * just because it is mostly variables.
 *
 * Also counts CONFLICTS (in `lastConflicts`, first one's position in `lastConflictAt`): positions
 * where template and line hold two different constants ("Failed" / "Accepted", "bytes" / "values").
 * Two constants differing is weak evidence of a variable and strong evidence of a different event,
 * so the miner never widens over a conflict on its own; see siblings.ts for when it does.
 * With `maxConflicts`, the comparison stops as soon as there are more conflicts than that (the
 * returned share and `lastNeedsWiden` are then partial; `lastConflicts` says so).
 */
export let lastConflicts = 0;
export let lastConflictAt = -1;
/** Whether the last compared line differs from the template anywhere but at <*> (needs widening). */
export let lastNeedsWiden = false;

export function similarity(template: readonly string[], tokens: readonly string[], maxConflicts = Infinity): number {
  const n = template.length;
  lastConflicts = 0;
  lastConflictAt = -1;
  lastNeedsWiden = false;
  if (n === 0) return tokens.length === 0 ? 1 : 0;
  let same = 0;
  for (let i = 0; i < n; i++) {
    const t = template[i] as string;
    const l = tokens[i] as string;
    if (t === l) {
      if (t !== WILDCARD) same++;
      continue;
    }
    if (t === WILDCARD) continue;
    lastNeedsWiden = true;
    const tv = isVarLike(t);
    const lv = isVarLike(l);
    if (tv && lv) same++; // both variables at the same position
    else if (tv || lv) continue; // a variable against a constant: widenable, not a match
    else if (tokenFits(t, l)) same++; // "user=<*>" against "user=bob"
    else if (sameConstants(t, l)) continue; // "uid=<num>" against "uid=<hex>"
    else if (sameKey(t, l)) continue; // "tag=a" against "tag=b": a value, widenable
    else {
      lastConflicts++;
      if (lastConflictAt < 0) lastConflictAt = i;
      // The caller rejects a template with more conflicts than this: the rest cannot matter.
      if (lastConflicts > maxConflicts) return same / n;
    }
  }
  return same / n;
}

/**
 * similarity() of one line against each of a list of templates, with maxConflicts 1, kept per
 * template: a creation compares the line with every cluster of its length twice, for a match
 * (conflicts 0) and for siblings (conflict 1), and both read these instead. With no conflict or
 * one, the comparison ran to the end, so it is what either would have computed itself.
 */
export class Comparisons {
  sim = new Float64Array(64);
  conflicts = new Int32Array(64);
  conflictAt = new Int32Array(64);
  needsWiden = new Uint8Array(64);

  /** Compares `tokens` with every template of `candidates` (each at its index). */
  fill(candidates: readonly { tokens: readonly string[] }[], tokens: readonly string[]): this {
    const n = candidates.length;
    if (n > this.sim.length) {
      const cap = Math.max(n, 2 * this.sim.length);
      this.sim = new Float64Array(cap);
      this.conflicts = new Int32Array(cap);
      this.conflictAt = new Int32Array(cap);
      this.needsWiden = new Uint8Array(cap);
    }
    for (let i = 0; i < n; i++) {
      this.sim[i] = similarity((candidates[i] as { tokens: readonly string[] }).tokens, tokens, 1);
      this.conflicts[i] = lastConflicts;
      this.conflictAt[i] = lastConflictAt;
      this.needsWiden[i] = lastNeedsWiden ? 1 : 0;
    }
    return this;
  }
}

/**
 * A token that is one variable, possibly in brackets or quotes or before a trailing comma:
 * "<*>", "(<*>)", "'<*>',". Such a token against a constant is a value, not a different event.
 */
export function isVarLike(t: string): boolean {
  let i = 0;
  while (i < 2 && i < t.length && isIn(WRAP_OPEN, t.charCodeAt(i))) i++;
  if (t.charCodeAt(i) !== VAR_OPEN_CODE) return false;
  let j = t.indexOf(VAR_CLOSE, i) + 1;
  while (j < t.length && isIn(WRAP_CLOSE, t.charCodeAt(j))) j++;
  return j === t.length;
}
// ASCII membership tables: one typed-array load instead of a Set lookup on the hot path.
const table = (chars: string): Uint8Array => {
  const t = new Uint8Array(128);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  return t;
};
const isIn = (t: Uint8Array, c: number): boolean => c < 128 && t[c] === 1;
const WRAP_OPEN = table('([{<"\'');
const WRAP_CLOSE = table(')]}>"\',;:.');

/** Two key=value tokens with the same key and constant values: what differs is a value. */
function sameKey(a: string, b: string): boolean {
  if (a.indexOf(VAR_OPEN) !== -1 || b.indexOf(VAR_OPEN) !== -1) return false;
  const k = a.indexOf('=');
  if (k < 0 || k !== b.indexOf('=')) return false;
  for (let i = 0; i < k; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false; // same key, no slice
  return true;
}

/** Two tokens that differ only in their variables. */
function sameConstants(a: string, b: string): boolean {
  if (a.indexOf(VAR_OPEN) === -1 || b.indexOf(VAR_OPEN) === -1) return false;
  return stripMarkers(a) === stripMarkers(b);
}

const MARKER_RE = /\uE000[^\uE001]*\uE001/g;
function stripMarkers(s: string): string {
  return s.replace(MARKER_RE, '\uE000');
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

const PREFIX_END = table('=:([{"\'@#/|,');
const SUFFIX_START = table(')]}"\',;:.@#/|');

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
  while (p > 0 && !isIn(PREFIX_END, a.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  while (s > 0 && !isIn(SUFFIX_START, a.charCodeAt(a.length - s))) s--;
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

/** True if every line `other` could hold also fits `template` (same length): it is subsumed. */
export function subsumes(template: readonly string[], other: readonly string[]): boolean {
  for (let i = 0; i < template.length; i++) {
    const t = template[i] as string;
    const o = other[i] as string;
    if (t === o || t === WILDCARD) continue;
    if (isVarLike(t) && isVarLike(o)) continue;
    if (o !== WILDCARD && tokenFits(t, o)) continue;
    return false;
  }
  return true;
}

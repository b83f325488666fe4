// Templates whose variable spans more than one token ("Invalid user <*> from <*>" for a user name
// with a space, an error text, a list). The prefix tree groups by token count, so such lines would
// start a new cluster; before that happens we look for a shorter template whose <*> positions can
// absorb the extra tokens while every constant token matches exactly. The line then joins that
// template and keeps its single <*> (the Loghub convention: one <*> per variable).

import type { Cluster } from './cluster.js';
import { VAR_OPEN_CODE, WILDCARD } from './markers.js';
import { tokenFits } from './similarity.js';

/** How many extra tokens one line may spread over the wildcards of a shorter template. */
const MAX_EXTRA = 8;

/** True if `tokens` fits `template` with each <*> taking one or more tokens. */
export function fitsWithSpans(template: readonly string[], tokens: readonly string[]): boolean {
  return fitFrom(template, 0, tokens, 0, 0);
}

function fitFrom(t: readonly string[], i: number, l: readonly string[], j: number, steps: number): boolean {
  if (steps > 256) return false; // bounded backtracking
  if (i === t.length) return j === l.length;
  if (j === l.length) return false;
  const tok = t[i] as string;
  if (tok === WILDCARD) {
    // Take 1..k tokens; remaining template must still fit.
    const maxTake = l.length - j - (t.length - i - 1);
    for (let take = 1; take <= maxTake; take++) if (fitFrom(t, i + 1, l, j + take, steps + take)) return true;
    return false;
  }
  const lt = l[j] as string;
  const same = tok === lt || (tok.charCodeAt(0) === VAR_OPEN_CODE && lt.charCodeAt(0) === VAR_OPEN_CODE) || tokenFits(tok, lt);
  return same && fitFrom(t, i + 1, l, j + 1, steps + 1);
}

function constants(template: readonly string[]): number {
  let k = 0;
  for (const t of template) if (t.charCodeAt(0) !== VAR_OPEN_CODE) k++;
  return k;
}

/**
 * A live cluster with fewer tokens that the line fits with multi-token variables, preferring the
 * longest (most specific) template. Only templates with enough constant tokens are candidates, so a
 * template made mostly of variables cannot swallow unrelated lines.
 */
export function joinAcrossLengths(
  byLength: ReadonlyMap<number, readonly Cluster[]>,
  tokens: readonly string[],
  minConstantShare: number,
): Cluster | undefined {
  const n = tokens.length;
  if (n < 2) return undefined; // no shorter template with a token
  const first = tokens[0] as string;
  const firstCode = first.charCodeAt(0);
  for (let len = n - 1; len >= Math.max(1, n - MAX_EXTRA); len--) {
    const list = byLength.get(len);
    if (list === undefined) continue;
    // Indexed, not for-of: this runs at every creation, mostly while its code is still cold, and
    // there an iterator costs a call and an object per cluster.
    for (let c = 0; c < list.length; c++) {
      const cl = list[c] as Cluster;
      // Cheapest test first: the first token must fit (the same answer fitsWithSpans would give;
      // a constant that does not start like the line's first token cannot fit it).
      const t0 = cl.tokens[0] as string;
      const c0 = t0.charCodeAt(0);
      if (c0 !== VAR_OPEN_CODE && c0 !== firstCode) continue;
      if (t0 !== first && t0 !== WILDCARD && !(t0.charCodeAt(0) === VAR_OPEN_CODE && first.charCodeAt(0) === VAR_OPEN_CODE) && !tokenFits(t0, first)) continue;
      if (!cl.tokens.includes(WILDCARD)) continue;
      const k = constants(cl.tokens);
      if (k < 2 || k / len < minConstantShare) continue;
      if (fitsWithSpans(cl.tokens, tokens)) return cl;
    }
  }
  return undefined;
}

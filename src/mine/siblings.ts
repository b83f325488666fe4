// When do two constants at one position become a variable? Drain widens as soon as two lines
// differ, which merges distinct events ("Failed password" / "Accepted password", "startup" /
// "shutdown"). Here a position only widens over constants once enough clusters ("siblings") agree
// everywhere else and differ at that single position: many distinct values (user names, hosts) mean
// a variable, a few (an enumeration of states or verbs) mean distinct events.

import type { Cluster } from './cluster.js';
import { hasMarker } from './markers.js';
import { Comparisons } from './similarity.js';

/**
 * Clusters of the line's length that differ from it by exactly one constant, all at the same
 * position, once there are at least `minValues - 1` of them (the line brings the last value);
 * otherwise undefined. Oldest first. `compared`: the line already compared with `candidates`.
 */
export function findSiblings(
  candidates: readonly Cluster[],
  tokens: readonly string[],
  minSim: number,
  minValues: number,
  compared?: Comparisons,
): Cluster[] | undefined {
  if (candidates.length < minValues - 1 || tokens.length < 2) return undefined;
  const c = compared ?? new Comparisons().fill(candidates, tokens);
  let byPos: Map<number, Cluster[]> | undefined;
  for (let i = 0; i < candidates.length; i++) {
    const cl = candidates[i] as Cluster;
    if (c.conflicts[i] !== 1 || (c.sim[i] as number) < minSim * (1 - 1 / tokens.length)) continue;
    const at = c.conflictAt[i] as number;
    // Tokens with masked parts are structure ("num=<*>,flags=<*>"), not values of one variable.
    if (hasMarker(cl.tokens[at] as string) || hasMarker(tokens[at] as string)) continue;
    byPos ??= new Map();
    const list = byPos.get(at);
    if (list === undefined) byPos.set(at, [cl]);
    else list.push(cl);
  }
  if (byPos === undefined) return undefined;
  for (const [at, list] of byPos) {
    // Widening must leave at least two constants, or the template says nothing.
    if (list.length >= minValues - 1 && constantsBesides(tokens, at) >= 2) return list.sort((a, b) => a.seq - b.seq);
  }
  return undefined;
}

function constantsBesides(tokens: readonly string[], at: number): number {
  let k = 0;
  for (let i = 0; i < tokens.length; i++) if (i !== at && !hasMarker(tokens[i] as string)) k++;
  return k;
}

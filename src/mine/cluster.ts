// A cluster: one template and the lines it has absorbed.

export interface Cluster {
  /** Stable id (hash of the canonical masked template it was created with). */
  id: string;
  partition: string;
  /** Template tokens with variable markers (see markers.ts); widened in place. */
  tokens: string[];
  /** Lines absorbed. */
  size: number;
  /** Tick of the last line it absorbed: the LRU order. */
  lastSeen: number;
  /** Creation order, for deterministic tie-breaks and snapshots. */
  seq: number;
  /** Leaves of the prefix tree that hold it (more than one after a cross-leaf join). */
  leaves: Leaf[];
  /** Canonical template text while indexed (key of the partition's template index). */
  key: string;
}

/**
 * What a memo keeps of a line's outcome (the fast lane's line trie, a MaskedLine): the cluster it
 * went to and the stamp that says while that holds (memoStamp).
 */
export interface Outcome {
  cluster: Cluster | undefined;
  /** The leaf it was matched in, or none for a line that took the creation way changing nothing. */
  leaf: Leaf | undefined;
  stamp: number;
}

/**
 * A remembered outcome holds while what decided it is unchanged: the leaf it was matched in (its
 * version), or, without one, the whole structure (the miner's epoch).
 */
export function memoStamp(leaf: Leaf | undefined, epoch: number): number {
  return leaf === undefined ? epoch : leaf.version;
}

export interface Leaf {
  /** Token count and routing keys that lead here, for snapshots. */
  path: string[];
  clusters: Cluster[];
  /**
   * Bumped whenever what a line routed here would be matched against changes (the cluster list,
   * a cluster's template, a new sibling route that now takes some of its lines): the fast lane's
   * memo of lines matched in this leaf is valid while it stays.
   */
  version: number;
}

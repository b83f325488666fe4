// Miner state as plain, versioned JSON: no pickled objects, nothing executable, validated on the
// way in. Everything that decides future ids is in it (clusters in creation order, their leaves in
// the tree, the alias map, the LRU ticks and breaker state), so mining a corpus in two runs with a
// snapshot in between assigns the same ids as one run.

import type { Cluster, Leaf } from './cluster.js';
import type { MinerConfig } from './config.js';
import type { MinedTemplate } from '../core/miner.js';
import type { MinerSnapshot } from './snapshot-schema.js';

export type { MinerSnapshot };
export const SNAPSHOT_FORMAT = 'log-gardener/miner';
export const SNAPSHOT_VERSION = 1;


/** What a snapshot reads from a miner (structural, so this module does not depend on the class). */
export interface MinerState {
  config: MinerConfig;
  tick: number;
  seq: number;
  evictionTicks: number[];
  breakerOpenUntil: number;
  counters: MinerSnapshot['counters'];
  aliases: Map<string, string>;
  pseudo: Map<string, MinedTemplate>;
  partitions: Map<string, { key: string; byLength: Map<number, Cluster[]> }>;
}

export function snapshotMiner(m: MinerState): MinerSnapshot {
  const partitions: MinerSnapshot['partitions'] = [];
  for (const p of m.partitions.values()) {
    const all: Cluster[] = [];
    for (const list of p.byLength.values()) all.push(...list);
    all.sort((a, b) => a.seq - b.seq);
    const leaves: Leaf[] = [];
    const seen = new Set<Leaf>();
    for (const cl of all) for (const leaf of cl.leaves) if (!seen.has(leaf)) { seen.add(leaf); leaves.push(leaf); }
    partitions.push({
      key: p.key,
      clusters: all.map((c) => ({ id: c.id, tokens: [...c.tokens], size: c.size, lastSeen: c.lastSeen, seq: c.seq, key: c.key })),
      leaves: leaves.map((l) => ({ path: [...l.path], ids: l.clusters.map((c) => c.id) })),
    });
  }
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    config: { ...m.config },
    tick: m.tick,
    seq: m.seq,
    evictionTicks: [...m.evictionTicks],
    breakerOpenUntil: m.breakerOpenUntil,
    counters: { ...m.counters },
    aliases: [...m.aliases.entries()],
    pseudo: [...m.pseudo.values()].map((t) => ({ ...t })),
    partitions,
  };
}

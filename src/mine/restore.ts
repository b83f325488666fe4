// Rebuilds a Miner from a snapshot (see snapshot.ts for what it holds and why).

import type { Cluster } from './cluster.js';
import type { MinerConfig } from './config.js';
import { Miner } from './miner.js';
import { parseSnapshot } from './snapshot-schema.js';
import { leafAtPath } from './tree.js';

export function restoreMiner(data: unknown, override?: Partial<MinerConfig>): Miner {
  const s = parseSnapshot(data);
  const m = new Miner({ ...(s.config as Partial<MinerConfig>), ...(override ?? {}) });
  m.tick = s.tick;
  m.seq = s.seq;
  m.evictionTicks = [...s.evictionTicks];
  m.breakerOpenUntil = s.breakerOpenUntil;
  Object.assign(m.counters, s.counters);
  for (const [k, v] of s.aliases) m.aliases.set(k, v);
  for (const t of s.pseudo) m.pseudo.set(t.id, { ...t });
  for (const sp of s.partitions) {
    const p = m.partition(sp.key);
    const byId = new Map<string, Cluster>();
    for (const c of sp.clusters) {
      const cl: Cluster = { ...c, tokens: [...c.tokens], partition: sp.key, leaves: [] };
      byId.set(cl.id, cl);
      m.link(p, cl);
    }
    for (const l of sp.leaves) {
      const leaf = leafAtPath(p.root, l.path);
      for (const id of l.ids) {
        const cl = byId.get(id);
        if (cl === undefined) throw new Error(`miner snapshot: leaf ${l.path.join('/')} names unknown cluster ${id}`);
        leaf.clusters.push(cl);
        cl.leaves.push(leaf);
      }
    }
  }
  return m;
}

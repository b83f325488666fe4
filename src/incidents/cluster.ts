import { EDGE_RANK, type Edge, type EdgeKind } from './evidence.js';

// Groups → incidents. Each group joins at most the ONE other group it has the strongest qualifying
// evidence for (a satellite such as an exit line or a traceback fragment attaches to its best
// anchor instead of bridging two unrelated failures); the joins are then closed transitively.

export interface EdgeThreshold {
  /** Minimum share of the group's occurrences (or traces) that carry the evidence. */
  ratio: number;
  /** Minimum number of occurrences carrying it (capped by the group's own count). */
  support: number;
  /** Minimum support whatever the group's count: where one coincidence is not evidence. */
  floor?: number;
  /** Minimum ratio seen from the target too (evidence that must hold both ways). */
  reverse?: number;
}

export type EdgeThresholds = Record<EdgeKind, EdgeThreshold>;

export interface Join {
  edge: Edge;
}

export function qualifies(edge: Edge, t: EdgeThresholds): boolean {
  const th = t[edge.kind];
  return edge.ratio >= th.ratio && edge.support >= Math.max(th.floor ?? 1, Math.min(th.support, edge.of)) && edge.reverse >= (th.reverse ?? 0);
}

/** The chosen join per group (group → edge), deterministic: rank, ratio, support, then key. */
export function chooseJoins(edges: Edge[], thresholds: EdgeThresholds, eligible: (edge: Edge) => boolean): Map<string, Edge> {
  const best = new Map<string, Edge>();
  for (const e of edges) {
    if (!qualifies(e, thresholds) || !eligible(e)) continue;
    const cur = best.get(e.from);
    if (cur === undefined || better(e, cur)) best.set(e.from, e);
  }
  return best;
}

function better(a: Edge, b: Edge): boolean {
  if (EDGE_RANK[a.kind] !== EDGE_RANK[b.kind]) return EDGE_RANK[a.kind] < EDGE_RANK[b.kind];
  if (a.ratio !== b.ratio) return a.ratio > b.ratio;
  // Among equally strong candidates, the one the evidence also holds for from its side.
  if (a.reverse !== b.reverse) return a.reverse > b.reverse;
  if (a.support !== b.support) return a.support > b.support;
  return a.to < b.to;
}

export class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    // Path compression.
    let cur = x;
    while (cur !== root) {
      const next = this.parent.get(cur) ?? root;
      this.parent.set(cur, root);
      cur = next;
    }
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    // The smaller key becomes the root so the result never depends on the order of unions.
    if (ra < rb) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
  }
}

// Drain's fixed-depth prefix tree: token count, then the first few tokens, then a small leaf of
// clusters to compare. Tokens that hold a variable route through the wildcard child so that a
// variable first word does not scatter one template over many leaves.

import type { Leaf } from './cluster.js';
import { WILDCARD, hasMarker } from './markers.js';

export interface TreeNode {
  children: Map<string, TreeNode>;
  leaf: Leaf | undefined;
}

/**
 * Nodes created so far (any miner): lets a caller see whether a call changed a tree. `shadowed`
 * collects the wildcard subtrees that a new constant route took lines from (see leafFor).
 */
export const treeCounters: { nodes: number; shadowed: TreeNode[] } = { nodes: 0, shadowed: [] };

const newNode = (): TreeNode => {
  treeCounters.nodes++;
  return { children: new Map(), leaf: undefined };
};

export type Root = Map<number, TreeNode>;

const routeKey = (token: string): string => (hasMarker(token) ? WILDCARD : token);

/** The leaf a line of `tokens` is compared in, or undefined if no cluster of its shape exists. */
export function findLeaf(root: Root, tokens: readonly string[], levels: number): Leaf | undefined {
  let node = root.get(tokens.length);
  if (node === undefined) return undefined;
  const d = Math.min(levels, tokens.length);
  for (let i = 0; i < d; i++) {
    const t = tokens[i] as string;
    const next: TreeNode | undefined = node.children.get(t.indexOf('\uE000') === -1 ? t : WILDCARD) ?? node.children.get(WILDCARD);
    if (next === undefined) return undefined;
    node = next;
  }
  return node.leaf;
}

/**
 * The leaf for `tokens`, created if missing. A node with `maxChildren` children sends new keys to
 * its wildcard child, which bounds the tree's width under a flood of distinct first words.
 */
export function leafFor(root: Root, tokens: readonly string[], levels: number, maxChildren: number): Leaf {
  const path: string[] = [String(tokens.length)];
  let node: TreeNode = root.get(tokens.length) ?? newNode();
  root.set(tokens.length, node);
  const d = Math.min(levels, tokens.length);
  for (let i = 0; i < d; i++) {
    let key = routeKey(tokens[i] as string);
    let next: TreeNode | undefined = node.children.get(key);
    if (next === undefined && node.children.size >= maxChildren) {
      key = WILDCARD;
      next = node.children.get(key);
    }
    if (next === undefined) {
      next = newNode();
      // Lines with this token used to be routed to the wildcard child: they now come here.
      const wild = key === WILDCARD ? undefined : node.children.get(WILDCARD);
      if (wild !== undefined) treeCounters.shadowed.push(wild);
      node.children.set(key, next);
    }
    path.push(key);
    node = next;
  }
  if (node.leaf === undefined) {
    treeCounters.nodes++;
    node.leaf = { path, clusters: [], version: 0 };
  }
  return node.leaf;
}

/** The leaf at a recorded path (snapshots), created if missing. */
export function leafAtPath(root: Root, path: readonly string[]): Leaf {
  const len = Number(path[0]);
  let node: TreeNode = root.get(len) ?? newNode();
  root.set(len, node);
  for (let i = 1; i < path.length; i++) {
    const key = path[i] as string;
    let next: TreeNode | undefined = node.children.get(key);
    if (next === undefined) {
      next = newNode();
      node.children.set(key, next);
    }
    node = next;
  }
  if (node.leaf === undefined) node.leaf = { path: [...path], clusters: [], version: 0 };
  return node.leaf;
}

/** Every leaf under `node` (for invalidating a subtree). */
export function leavesUnder(node: TreeNode, out: Leaf[] = []): Leaf[] {
  if (node.leaf !== undefined) out.push(node.leaf);
  for (const child of node.children.values()) leavesUnder(child, out);
  return out;
}

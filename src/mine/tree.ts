// Drain's fixed-depth prefix tree: token count, then the first few tokens, then a small leaf of
// clusters to compare. Tokens that hold a variable route through the wildcard child so that a
// variable first word does not scatter one template over many leaves.

import type { Leaf } from './cluster.js';
import { WILDCARD, hasMarker } from './markers.js';

export interface TreeNode {
  children: Map<string, TreeNode>;
  leaf: Leaf | undefined;
}

const newNode = (): TreeNode => ({ children: new Map(), leaf: undefined });

/** What a leafFor call changed: whether it added nodes, and which wildcard subtrees lost lines. */
export interface TreeChanges {
  grew: boolean;
  /** Wildcard subtrees that a new constant route now takes some lines from. */
  shadowed: TreeNode[];
}

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
export function leafFor(root: Root, tokens: readonly string[], levels: number, maxChildren: number, changes?: TreeChanges): Leaf {
  const path: string[] = [String(tokens.length)];
  let node: TreeNode | undefined = root.get(tokens.length);
  if (node === undefined) {
    node = newNode();
    root.set(tokens.length, node);
    if (changes !== undefined) changes.grew = true;
  }
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
      if (changes !== undefined) {
        changes.grew = true;
        // Lines with this token used to be routed to the wildcard child: they now come here.
        const wild = key === WILDCARD ? undefined : node.children.get(WILDCARD);
        if (wild !== undefined) changes.shadowed.push(wild);
      }
      node.children.set(key, next);
    }
    path.push(key);
    node = next;
  }
  if (node.leaf === undefined) {
    node.leaf = { path, clusters: [], version: 0 };
    if (changes !== undefined) changes.grew = true;
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

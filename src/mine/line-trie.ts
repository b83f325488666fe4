// The fast lane's line memo: a trie over the masked token ids of the lines seen, one root per
// partition. A node is a line prefix; a node can hold a TERMINAL, the cluster the string path chose
// for exactly that line and the structure epoch it is valid for (see fast-lane.ts).
//
// Each node also remembers the child it was last left through (its PREDICTION) and the key of the
// token that took it. The scan tries that child first: when the key is a word, or a value whose
// masked form depends only on where its digits are ("buffer=1111", "1111ms", "11.11.1.1:1111"),
// comparing the input bytes with the key is all it takes to know the token, with no hashing and
// no table probe. Lines of one template mostly repeat their words, so most tokens are read this way.
// Other children are found through one hash table keyed by (node, token id).

import { type Cluster, type Leaf, memoStamp } from './cluster.js';

/**
 * Starting capacities, in nodes and edge slots: enough for the tries of most logs (the benchmark
 * corpus of 400 templates makes 16,000 nodes), so the arrays seldom grow. Growing replaces an
 * array, and V8 then throws away the optimised code of every function that reads it.
 */
const START_NODES = 1 << 15;
const START_EDGES = 1 << 16;

export const TOKEN = 0;
export const PREDICTED = 1;
export const KEY_LEN = 2;
export const KEY_AT = 3;
/** Ints per node: the four above, then the key's first 16 bytes (assembly/scan.ts, KEY_BYTES). */
export const NODE_INTS = 8;

/** Memory for a trie (scan-core.ts): NODE_INTS ints per node and 3 per edge slot, for all it may hold. */
export interface TrieStorage {
  nodes: Int32Array;
  edges: Int32Array;
}

/** Roots a trie in given storage can add beyond maxNodes (one per partition). */
export const ROOT_ROOM = 1024;

/**
 * Edge slots a trie of `maxNodes` may grow to: it doubles before an edge would leave it more than
 * half full, and every edge leads to one of fewer than maxNodes nodes, so twice that many always do.
 */
export function maxEdgeSlots(maxNodes: number): number {
  let slots = START_EDGES;
  while (slots < 2 * maxNodes) slots *= 2;
  return slots;
}

/** The outcome remembered for a whole masked line: valid while memoStamp(leaf, epoch) is `stamp`. */
interface Terminal {
  cluster: Cluster;
  leaf: Leaf | undefined;
  stamp: number;
}

export class LineTrie {
  /**
   * NODE_INTS ints per node (32 bytes, half a cache line), side by side so that one cache line
   * serves a step of the scan: at `node * NODE_INTS +` TOKEN the token id on the edge into it (-1
   * for roots), PREDICTED the child last taken from it (-1: none), and KEY_LEN / KEY_AT how the scan
   * can recognise that child's token by comparing bytes (fast-lane.ts): the length (> 0) and offset
   * of a key in the lane's key bytes, -1 for "any run of digits", 0 for no way. The last 16 bytes
   * hold the key's first 16 bytes, copied there by the scan when it sets KEY_AT: most keys are
   * that short, and the scan then compares them without reading the key bytes elsewhere.
   */
  nodes: Int32Array;
  /**
   * Per node, the outcome remembered for exactly that line, if any: one object per terminal, so
   * that checking one (once per line in the mine command) reads one array slot and one object.
   */
  private terminals: (Terminal | undefined)[] = [];
  /**
   * Per node, two ints: the miner's era + 1 when its terminal was last found valid (0: not since it
   * was set), and the index of the terminal's cluster in `checkedClusters`. Within one era nothing
   * a stamp depends on has changed (see Miner.era), so a terminal found valid in it stays valid:
   * the mine command checks each line's terminal with one typed-array read instead of following
   * terminal, leaf and stamp (three objects, mostly cache misses after a batch's scan).
   */
  private checked = new Int32Array(2 * START_NODES);
  private checkedClusters: Cluster[] = [];
  private checkedIndex = new Map<Cluster, number>();
  private roots: number[] = [];
  /** Edges: 3 ints per slot (node + 1, token id, child); 0 in the first marks an empty slot. */
  private edges: Int32Array;
  /** Edge slots - 1 (a power of two minus one). */
  edgeMask = START_EDGES - 1;
  private edgeCount = 0;
  size = 0;

  /** In `storage` the trie never grows past it: maxNodes nodes, plus ROOT_ROOM roots. */
  constructor(readonly maxNodes: number, private readonly storage?: TrieStorage) {
    this.nodes = storage?.nodes ?? new Int32Array(NODE_INTS * START_NODES);
    this.edges = this.edgeSlots(START_EDGES);
  }

  /** Root node of a partition (created on first use), or -1 when a trie in storage has no room. */
  root(partition: number): number {
    let r = this.roots[partition];
    if (r === undefined || r < 0) {
      if (this.size * NODE_INTS >= this.nodes.length && this.storage !== undefined) return -1;
      while (this.roots.length < partition) this.roots.push(-1);
      r = this.newNode(-1);
      this.roots[partition] = r;
    }
    return r;
  }

  /** Child of `node` through token `id`, or -1. */
  child(node: number, id: number): number {
    const edges = this.edges;
    const mask = this.edgeMask;
    // The slot moves on before each probe, the first included: had the step run only on a
    // collision, the first collision would meet optimised code with no feedback for it, and V8
    // would throw away the whole scan this is inlined into (and compile it again).
    for (let s = (edgeHash(node, id) - 1) & mask; ;) {
      s = (s + 1) & mask;
      const r = s * 3;
      const k = edges[r] as number;
      if (k === 0) return -1;
      if (k === node + 1 && edges[r + 1] === id) return edges[r + 2] as number;
    }
  }

  /** Adds the child of `node` through `id` (absent); returns it, or -1 when the trie is full. */
  extend(node: number, id: number): number {
    if (this.size >= this.maxNodes) return -1;
    const c = this.newNode(id);
    if ((this.edgeCount + 1) * 2 > this.edgeMask + 1) this.growEdges();
    this.putEdge(node, id, c);
    this.edgeCount++;
    return c;
  }

  /**
   * The terminal's cluster if it is still valid: its leaf's version, or the miner's `epoch`.
   * `era` (Miner.era) changes whenever the epoch or any leaf's version does: a terminal found
   * valid in this era is answered from `checked`.
   */
  terminal(node: number, epoch: number, era: number): Cluster | undefined {
    const c = this.checked;
    if (c[2 * node] === era + 1) return this.checkedClusters[c[2 * node + 1] as number];
    const t = this.terminals[node];
    if (t === undefined || t.stamp !== memoStamp(t.leaf, epoch)) return undefined;
    let k = this.checkedIndex.get(t.cluster);
    if (k === undefined) {
      k = this.checkedClusters.length;
      this.checkedClusters.push(t.cluster);
      this.checkedIndex.set(t.cluster, k);
    }
    c[2 * node] = era + 1;
    c[2 * node + 1] = k;
    return t.cluster;
  }

  /**
   * For each of `count` nodes (every third int of `records`, from the first; < 0: none), into
   * `out`: the cluster index of its terminal if found valid in `era` (checkedCluster), else -1.
   * The reads are independent of each other, so their cache misses overlap; checking the lines one
   * by one, each waited for its own.
   */
  checkAll(records: Int32Array, count: number, era: number, out: Int32Array): void {
    const c = this.checked;
    const want = era + 1;
    for (let k = 0; k < count; k++) {
      const node = records[3 * k] as number;
      out[k] = node >= 0 && c[2 * node] === want ? (c[2 * node + 1] as number) : -1;
    }
  }

  /** The cluster of a checkAll() index. */
  checkedCluster(k: number): Cluster {
    return this.checkedClusters[k] as Cluster;
  }

  setTerminal(node: number, cl: Cluster, leaf: Leaf | undefined, stamp: number): void {
    this.checked[2 * node] = 0;
    const t = this.terminals[node];
    if (t === undefined) this.terminals[node] = { cluster: cl, leaf, stamp };
    else {
      t.cluster = cl;
      t.leaf = leaf;
      t.stamp = stamp;
    }
  }

  clear(): void {
    if (this.storage === undefined) this.nodes = new Int32Array(NODE_INTS * START_NODES);
    else this.edges.fill(0);
    this.terminals = [];
    this.checked.fill(0, 0, 2 * this.size);
    this.checkedClusters = [];
    this.checkedIndex = new Map();
    this.roots = [];
    this.edges = this.edgeSlots(START_EDGES);
    this.edgeMask = START_EDGES - 1;
    this.edgeCount = 0;
    this.size = 0;
  }

  private newNode(id: number): number {
    const n = this.size++;
    if (n * NODE_INTS >= this.nodes.length) this.nodes = grow(this.nodes); // never in storage (see root, extend)
    this.nodes[n * NODE_INTS + TOKEN] = id;
    this.nodes[n * NODE_INTS + PREDICTED] = -1;
    this.nodes[n * NODE_INTS + KEY_LEN] = 0;
    this.terminals.push(undefined);
    if (2 * n >= this.checked.length) this.checked = grow(this.checked);
    return n;
  }

  private putEdge(node: number, id: number, child: number): void {
    const edges = this.edges;
    const mask = this.edgeMask;
    let s = edgeHash(node, id) & mask;
    while (edges[s * 3] !== 0) s = (s + 1) & mask;
    edges[s * 3] = node + 1;
    edges[s * 3 + 1] = id;
    edges[s * 3 + 2] = child;
  }

  /** Zeroed edge slots: in the storage if there is one (the old edges go first). */
  private edgeSlots(n: number): Int32Array {
    if (this.storage === undefined) return new Int32Array(n * 3);
    const edges = this.storage.edges.subarray(0, n * 3);
    if (edges.length < n * 3) throw new Error(`line trie: ${n} edge slots do not fit its storage`);
    edges.fill(0);
    return edges;
  }

  private growEdges(): void {
    const old = this.storage === undefined ? this.edges : this.edges.slice();
    const slots = (this.edgeMask + 1) * 2;
    this.edges = this.edgeSlots(slots);
    this.edgeMask = slots - 1;
    for (let r = 0; r < old.length; r += 3) {
      if (old[r] !== 0) this.putEdge((old[r] as number) - 1, old[r + 1] as number, old[r + 2] as number);
    }
  }
}

function edgeHash(node: number, id: number): number {
  return Math.imul(node ^ Math.imul(id, 0x9e3779b1), 0x85ebca6b) >>> 7;
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

// The line memo's terminals: valid while their stamp holds, and, once found valid, answered from
// `checked` for the rest of the miner's era (Miner.era moves with every epoch and leaf change).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Cluster, Leaf } from './cluster.js';
import { LineTrie } from './line-trie.js';
import { Miner } from './miner.js';
import { leavesUnder } from './tree.js';

const cluster = (id: string): Cluster => ({ id } as Cluster);
const leaf = (): Leaf => ({ path: [], clusters: [], version: 0 });

function lineOf(trie: LineTrie, ids: number[]): number {
  let node = trie.root(0);
  for (const id of ids) node = trie.child(node, id) >= 0 ? trie.child(node, id) : trie.extend(node, id);
  return node;
}

test('a terminal holds while its leaf version (or the epoch) does, and is answered from the era cache', () => {
  const trie = new LineTrie(1000);
  const a = lineOf(trie, [1, 2, 3]);
  const b = lineOf(trie, [1, 2, 4]);
  const l = leaf();
  const x = cluster('x');
  const y = cluster('y');
  trie.setTerminal(a, x, l, l.version);
  trie.setTerminal(b, y, undefined, 7); // matched without a leaf: valid at epoch 7
  assert.equal(trie.terminal(a, 0, 10), x);
  assert.equal(trie.terminal(b, 7, 10), y);
  assert.equal(trie.terminal(b, 8, 11), undefined, 'another epoch');
  // Within era 10 the answer comes from the cache: nothing it depends on may change in an era.
  l.version++;
  assert.equal(trie.terminal(a, 0, 10), x);
  // The next era checks again, and the leaf has moved.
  assert.equal(trie.terminal(a, 0, 11), undefined);
  // Setting a terminal forgets its check, even within the era.
  const z = cluster('z');
  trie.setTerminal(a, z, l, l.version);
  assert.equal(trie.terminal(a, 0, 11), z);
  trie.setTerminal(a, x, l, l.version - 1);
  assert.equal(trie.terminal(a, 0, 11), undefined);
});

test('checkAll reads the checks of a batch of nodes at once; clear() forgets them', () => {
  const trie = new LineTrie(1000);
  const nodes = [lineOf(trie, [1]), lineOf(trie, [2]), lineOf(trie, [3])];
  const clusters = [cluster('p'), cluster('q'), cluster('r')];
  nodes.forEach((n, i) => trie.setTerminal(n, clusters[i] as Cluster, undefined, 1));
  trie.terminal(nodes[0] as number, 1, 5);
  trie.terminal(nodes[2] as number, 1, 5);
  // Records as scanLines leaves them: node, start, end; -2 is a line the trie does not hold.
  const records = Int32Array.from([nodes[0], 0, 0, nodes[1], 0, 0, -2, 0, 0, nodes[2], 0, 0] as number[]);
  const out = new Int32Array(4);
  trie.checkAll(records, 4, 5, out);
  assert.equal(trie.checkedCluster(out[0] as number), clusters[0]);
  assert.equal(out[1], -1, 'not checked yet');
  assert.equal(out[2], -1, 'no node');
  assert.equal(trie.checkedCluster(out[3] as number), clusters[2]);
  trie.checkAll(records, 4, 6, out);
  assert.deepEqual([...out], [-1, -1, -1, -1], 'another era');
  trie.clear();
  const again = lineOf(trie, [1]);
  trie.checkAll(Int32Array.from([again, 0, 0]), 1, 5, out);
  assert.equal(out[0], -1, 'cleared');
});

test("the miner's era moves whenever its epoch or a leaf's version does", () => {
  const m = new Miner();
  const versions = (): number => {
    let sum = 0;
    for (const p of m.partitions.values()) for (const top of p.root.values()) for (const l of leavesUnder(top)) sum += l.version;
    return sum;
  };
  let state = [m.epoch, versions()];
  let era = m.era;
  let leafMoves = 0;
  const lines = [
    'connect to db1 port 5432', 'connect to db2 port 5432', 'connect to db3 port 5432', 'disk full on /dev/sda1',
    'connect to db3 port 5432', 'user alice logged in', 'user bob logged in', 'user carol logged in', 'user dave logged in',
    'connect to db4 port 5432 after 3 retries', 'disk full on /dev/sdb1',
  ];
  for (const line of lines) {
    m.add(line);
    const now = [m.epoch, versions()];
    if (now[1] !== state[1]) leafMoves++;
    if (now[0] !== state[0] || now[1] !== state[1]) assert.ok(m.era > era, `the era after '${line}'`);
    else assert.equal(m.era, era, `nothing changed with '${line}'`);
    state = now;
    era = m.era;
  }
  assert.ok(leafMoves >= 3, `lines that moved a leaf: ${leafMoves}`);
});

// The online miner: one line in, one stable template id out. Each step is its own short method:
// tokenize (mask) → tree search → fast match → widen | create (cross-leaf check, LRU, breaker).

import type { MinedTemplate, MinerStats, TemplateMiner } from '../core/miner.js';
import { stableHash } from '../core/hash.js';
import { type Cluster, type Leaf, type Outcome, memoStamp } from './cluster.js';
import { type MinerConfig, resolveConfig } from './config.js';
import { canonicalToken, renderToken, WILDCARD } from './markers.js';
import { Comparisons, lastConflicts, lastNeedsWiden, mismatches, similarity, subsumes, widen } from './similarity.js';
import { findSiblings } from './siblings.js';
import { FastLane, type FastLaneLimits } from './fast-lane.js';
import { LINE_STRING } from './scan-core.js';
import type { MaskedLine } from './line-scanner.js';
import { tokenizeInto } from './tokenize.js';
import { type Root, type TreeChanges, findLeaf, leafFor, leavesUnder } from './tree.js';
import { joinAcrossLengths } from './variable-length.js';
import { type MinerSnapshot, snapshotMiner } from './snapshot.js';

export interface MinerCounters extends MinerStats {
  /** Lines that arrived while the eviction breaker was open (assigned to the overflow template). */
  overflow: number;
  /** Lines held by clusters when they were evicted. */
  evictedLines: number;
  /** Clusters merged into another whose template converged to the same text. */
  merged: number;
}

export interface Partition {
  key: string;
  /** Small integer naming the partition in the fast lane's line memo. */
  ordinal: number;
  root: Root;
  /** Live clusters by token count, in creation order (cross-leaf and variable-length checks). */
  byLength: Map<number, Cluster[]>;
  /** Live clusters by canonical template text (converging clusters are merged through it). */
  byKey: Map<string, Cluster>;
}

const SKIPPED = '<skipped: too many tokens>';
const OVERFLOW = '<overflow: eviction breaker open>';

/**
 * Where addLines hands each line's id, in order. `seq`, when given (>= 0), names the cluster that
 * id belongs to for as long as this miner lives (its creation order; a cluster's id never
 * changes), so a sink can skip looking the id up again.
 */
export interface IdSink {
  push(id: string, seq?: number): void;
}

export class Miner implements TemplateMiner {
  readonly config: MinerConfig;
  /** Token levels of the prefix tree below the length level. */
  private readonly levels: number;
  readonly partitions = new Map<string, Partition>();
  readonly clusters = new Map<string, Cluster>();
  /** Ids that now answer to another id (merged clusters, hashes of widened templates). */
  readonly aliases = new Map<string, string>();
  /** Pseudo templates for skipped and overflow lines, so every add() returns a resolvable id. */
  readonly pseudo = new Map<string, MinedTemplate>();
  tick = 0;
  seq = 0;
  /** Line ticks of recent evictions (breaker window). */
  evictionTicks: number[] = [];
  breakerOpenUntil = -1;
  readonly counters: MinerCounters = {
    lines: 0, templates: 0, skipped: 0, truncated: 0, evicted: 0, overflow: 0, evictedLines: 0, merged: 0,
  };
  private readonly buf: string[] = [];
  /** Consecutive lines usually share a partition: skip the map lookup then. */
  private lastPartition: Partition | undefined;
  /** Whether the best match of the last fastMatch differs from its template outside <*>. */
  private bestNeedsWiden = true;
  /** create()'s comparisons of a line with the clusters of its length (reused). */
  private readonly comparisons = new Comparisons();
  /**
   * Bumped on every change of structure (templates, tree, indexes, aliases): what the fast lane's
   * line memo is valid for. Counts and LRU ticks are not structure.
   */
  epoch = 0;
  /** Leaf version changes so far (moveLeaf counts each). */
  private leafMoves = 0;
  private lane: FastLane | undefined;
  /** The leaf the last line was matched in without widening (set by mineTokens). */
  private matchedIn: Leaf | undefined;
  /** addBytes' scratch outcome, before the fast lane remembers it. */
  private readonly outcome: Outcome = { cluster: undefined, leaf: undefined, stamp: -1 };

  /** `laneLimits` bound the fast lane's memos (tests make them tiny so that they start over). */
  constructor(config?: Partial<MinerConfig>, private readonly laneLimits?: FastLaneLimits) {
    this.config = resolveConfig(config);
    this.levels = Math.max(0, this.config.depth - 2);
  }

  add(message: string, partition = ''): string {
    const c = this.counters;
    c.lines++;
    this.tick++;
    let line = message;
    if (line.length > this.config.maxLineLength) {
      line = line.slice(0, this.config.maxLineLength);
      c.truncated++;
    }
    const tokens = this.buf;
    if (tokenizeInto(line, tokens, this.config.maxTokens) < 0) {
      c.skipped++;
      return this.pseudoId(partition, SKIPPED);
    }
    const p = partition === this.lastPartition?.key ? this.lastPartition : this.partition(partition);
    this.lastPartition = p;
    return this.mineTokens(p, tokens);
  }

  /**
   * The same as `add(bytes.toString('utf8', start, end), partition)` — same ids, same state — for
   * callers that read files as bytes. Most lines never become strings: see fast-lane.ts.
   */
  addBytes(bytes: Uint8Array, start: number, end: number, partition = ''): string {
    // A partition is created only for a line that is mined (as add() does); until then the lane
    // knows it by the ordinal it will get.
    const known = partition === this.lastPartition?.key ? this.lastPartition : this.partitions.get(partition);
    const lane = this.fastLane();
    const ordinal = known?.ordinal ?? this.partitions.size;
    const n = end - start > this.config.maxLineLength ? -1 : lane.scan(bytes, start, end, ordinal, this.config.maxTokens);
    if (n < 0) return this.add(utf8(bytes, start, end), partition);
    const p = known ?? this.partition(partition);
    this.lastPartition = p;
    this.counters.lines++;
    this.tick++;
    const hit = lane.recall(n, this.epoch, this.era);
    if (hit !== undefined) return this.count(hit);
    const o = this.outcome;
    o.cluster = undefined;
    const id = this.mineRemembered(p, lane.tokens(n, this.buf), o);
    if (o.cluster !== undefined) lane.remember(n, o.cluster, o.leaf, o.stamp);
    return id;
  }

  /**
   * addBytes for every line of `bytes[start, end)` — whole lines, '\n'-separated, each trimmed of
   * ASCII white space first, and one whose ends are not ASCII decoded and trim()med, as the
   * `mine` command reads a file — handing each line's id to `sink` in order. Same ids, same state.
   * `bytes` must come from inputBuffer(); returns false (and does nothing) for any other buffer.
   * A line whose remembered outcome held is handed over with its cluster's `seq` (IdSink).
   * The lines are masked in batches inside the fast lane; only a line whose remembered outcome
   * does not hold is scanned again on its own.
   */
  addLines(bytes: Uint8Array, start: number, end: number, sink: IdSink): boolean {
    const lane = this.lane;
    if (lane === undefined || !lane.holds(bytes)) return false;
    // Past the buffer the scan would read the lane's other memory, or trap.
    if (!(start >= 0 && start <= end && end <= bytes.length)) throw new RangeError(`addLines: [${start}, ${end}) is not within the ${bytes.length} bytes given`);
    const rec = lane.records;
    for (let pos = start; pos < end; pos = lane.batchEnd) {
      const known = this.lastPartition?.key === '' ? this.lastPartition : this.partitions.get('');
      const count = lane.scanLines(bytes, pos, end, known?.ordinal ?? this.partitions.size, this.config.maxTokens, this.config.maxLineLength);
      const resets = lane.resets; // a rescan below may start the memos over: later nodes are then void
      // The lines' memos, all read at once; good until a line of the batch is mined (`mined`):
      // mining may change what they depend on, and then each line is checked on its own.
      const checks = lane.checkBatch(count, this.era);
      let mined = false;
      for (let j = 0, k = 0; j < count; j++, k += 3) {
        const what = rec[k] as number;
        const s = rec[k + 1] as number;
        const e = rec[k + 2] as number;
        if (what === LINE_STRING) {
          mined = true;
          sink.push(this.add(utf8(bytes, s, e).trim()));
          continue;
        }
        const checked = mined ? -1 : (checks[j] as number);
        const hit = checked >= 0 ? lane.checkedCluster(checked) : what >= 0 && lane.resets === resets ? lane.terminalAt(what, this.epoch, this.era) : undefined;
        if (hit === undefined) {
          mined = true;
          sink.push(this.addBytes(bytes, s, e));
          continue;
        }
        this.counters.lines++;
        this.tick++;
        sink.push(this.count(hit), hit.seq);
      }
    }
    return true;
  }

  /**
   * A buffer of `size` bytes in the fast lane's memory (undefined if it has no room for that many):
   * lines that addBytes is given in it are scanned where they lie, instead of being copied in.
   */
  inputBuffer(size: number): Buffer | undefined {
    return this.fastLane().inputBuffer(size);
  }

  private fastLane(): FastLane {
    return (this.lane ??= new FastLane(this.config.maxTokens, this.config.maxLineLength, this.laneLimits));
  }

  /**
   * The same as `add` of the line `masked` was scanned from (LineScanner, in another thread), given
   * its masked tokens; remembers in `masked` the outcome for the next line that masks the same.
   */
  addMasked(masked: MaskedLine, partition = ''): string {
    const p = partition === this.lastPartition?.key ? this.lastPartition : this.partition(partition);
    this.lastPartition = p;
    this.counters.lines++;
    this.tick++;
    const hit = masked.cluster;
    if (hit !== undefined && masked.stamp === memoStamp(masked.leaf, this.epoch)) return this.count(hit);
    return this.mineRemembered(p, masked.tokens, masked);
  }

  /** A line whose remembered outcome holds: what mining it again would do, count it. */
  private count(cl: Cluster): string {
    cl.size++;
    cl.lastSeen = this.tick;
    return cl.id;
  }

  /**
   * mineTokens, and into `memo` the outcome for the next line that masks the same, when what
   * decided it stays (memoStamp): the leaf it was matched in (nothing changed), or, for a line that
   * went the creation way without changing anything, the whole structure. Otherwise `memo` is left
   * as it was (stale: its stamp can no longer match).
   */
  private mineRemembered(p: Partition, tokens: readonly string[], memo: Outcome): string {
    const before = this.epoch;
    this.matchedIn = undefined;
    const id = this.mineTokens(p, tokens);
    const leaf = this.matchedIn as Leaf | undefined;
    const cl = this.clusters.get(id);
    if (cl !== undefined && (leaf !== undefined || this.epoch === before)) {
      memo.cluster = cl;
      memo.leaf = leaf;
      memo.stamp = memoStamp(leaf, before);
    }
    return id;
  }

  /** Tree search, then match, widen or create: the line as masked tokens. */
  private mineTokens(p: Partition, tokens: readonly string[]): string {
    const leaf = findLeaf(p.root, tokens, this.levels);
    const hit = leaf === undefined ? undefined : this.fastMatch(leaf.clusters, tokens);
    if (hit !== undefined) {
      if (!this.bestNeedsWiden) this.matchedIn = leaf;
      return this.absorb(p, hit, tokens, true);
    }
    return this.create(p, tokens);
  }

  /** Leaf versions move when a leaf's clusters, or their templates, change. */
  private touch(leaves: readonly Leaf[]): void {
    for (let i = 0; i < leaves.length; i++) this.moveLeaf(leaves[i] as Leaf);
  }

  /** The one place a leaf's version moves, so that `era` moves with it. */
  private moveLeaf(leaf: Leaf): void {
    leaf.version++;
    this.leafMoves++;
  }

  /**
   * Changes whenever the epoch or any leaf's version does (both only grow, so their sum never
   * repeats): while it stays, every memo stamp (memoStamp) keeps its validity (LineTrie.terminal).
   */
  get era(): number {
    return this.epoch + this.leafMoves;
  }

  /**
   * Best cluster of a leaf for the line, or undefined if none is similar enough. `compared`: the
   * line already compared with every candidate (Comparisons), instead of comparing here.
   */
  private fastMatch(candidates: readonly Cluster[], tokens: readonly string[], compared?: Comparisons): Cluster | undefined {
    let best: Cluster | undefined;
    let bestSim = -1;
    this.bestNeedsWiden = true;
    const short = tokens.length < this.config.shortLineTokens;
    for (let i = 0; i < candidates.length; i++) {
      const cl = candidates[i] as Cluster;
      let sim: number;
      let needsWiden: boolean;
      if (compared === undefined) {
        sim = similarity(cl.tokens, tokens, 0);
        if (lastConflicts !== 0) continue;
        needsWiden = lastNeedsWiden;
      } else {
        if (compared.conflicts[i] !== 0) continue;
        sim = compared.sim[i] as number;
        needsWiden = compared.needsWiden[i] === 1;
      }
      if (sim > bestSim) {
        if (short && mismatches(cl.tokens, tokens) > 0) continue;
        best = cl;
        bestSim = sim;
        this.bestNeedsWiden = needsWiden;
        if (sim === 1) break;
      }
    }
    if (best === undefined) return undefined;
    if (bestSim >= this.config.simThreshold || (short && bestSim > 0)) return best;
    // A fully variable template (sim 0 by Drain's rule) still takes lines its every position covers.
    return mismatches(best.tokens, tokens) === 0 ? best : undefined;
  }

  private absorb(p: Partition, cl: Cluster, tokens: readonly string[], compared = false): string {
    cl.size++;
    cl.lastSeen = this.tick;
    // The common case: the line fits the template as it is (known from the match just made).
    if (compared && !this.bestNeedsWiden) return cl.id;
    if (!widen(cl.tokens, tokens)) return cl.id;
    this.reindex(p, cl);
    return this.resolve(cl.id); // it may have merged into an older cluster
  }

  /** After widening: record the new text as an alias, and merge with a cluster it now equals. */
  private reindex(p: Partition, cl: Cluster): void {
    this.epoch++;
    this.touch(cl.leaves);
    if (p.byKey.get(cl.key) === cl) p.byKey.delete(cl.key);
    cl.key = canonicalKey(cl.tokens);
    const h = stableHash([p.key, cl.key]);
    if (!this.aliases.has(h) && h !== cl.id) this.aliases.set(h, cl.id);
    if (p.byKey.get(cl.key) === undefined) p.byKey.set(cl.key, cl);
    this.absorbSubsumed(p, cl);
  }

  /**
   * Converging clusters: after `cl` widened, every cluster of its length whose lines it now covers
   * joins it. The older cluster's id survives (it was handed out first); the other becomes an alias.
   */
  private absorbSubsumed(p: Partition, cl: Cluster): void {
    const list = p.byLength.get(cl.tokens.length);
    if (list === undefined || list.length < 2) return;
    let keep = cl;
    const others = list.slice(); // merging removes clusters from `list`
    for (let i = 0; i < others.length; i++) {
      const other = others[i] as Cluster;
      if (other === keep || !this.clusters.has(other.id) || !subsumes(keep.tokens, other.tokens)) continue;
      if (other.seq < keep.seq) {
        // The older one keeps its id but takes the wider template.
        other.tokens = keep.tokens;
        this.mergeInto(p, other, keep);
        keep = other;
      } else this.mergeInto(p, keep, other);
    }
    if (keep.key !== canonicalKey(keep.tokens)) {
      if (p.byKey.get(keep.key) === keep) p.byKey.delete(keep.key);
      keep.key = canonicalKey(keep.tokens);
    }
    p.byKey.set(keep.key, keep);
  }

  private mergeInto(p: Partition, keep: Cluster, drop: Cluster): void {
    this.epoch++;
    this.touch(keep.leaves);
    this.touch(drop.leaves);
    keep.size += drop.size;
    keep.lastSeen = Math.max(keep.lastSeen, drop.lastSeen);
    for (const leaf of drop.leaves) {
      const i = leaf.clusters.indexOf(drop);
      if (leaf.clusters.includes(keep)) leaf.clusters.splice(i, 1);
      else {
        leaf.clusters[i] = keep;
        keep.leaves.push(leaf);
      }
    }
    this.unlinkLength(p, drop);
    this.clusters.delete(drop.id);
    this.aliases.set(drop.id, keep.id); // older aliases chain through it (see resolve)
    this.counters.merged++;
  }

  private create(p: Partition, tokens: readonly string[]): string {
    const changes: TreeChanges = { grew: false, shadowed: [] };
    const leaf = leafFor(p.root, tokens, this.levels, this.config.maxChildren, changes);
    if (changes.grew) this.epoch++;
    for (const wild of changes.shadowed) this.touch(leavesUnder(wild));
    const key = canonicalKey(tokens);
    const hash = stableHash([p.key, key]);
    const known = p.byKey.get(key) ?? this.liveAlias(hash);
    if (known !== undefined) return this.join(p, known, leaf, tokens);
    // The line against every cluster of its length, once for the two looks below.
    const sameLength = p.byLength.get(tokens.length) ?? [];
    const compared = this.config.crossLeafMerge ? this.comparisons.fill(sameLength, tokens) : undefined;
    const near = compared === undefined ? undefined : this.fastMatch(sameLength, tokens, compared);
    if (near !== undefined) return this.join(p, near, leaf, tokens);
    const siblings = findSiblings(sameLength, tokens, this.config.simThreshold, this.config.siblingValues, compared);
    if (siblings !== undefined) {
      const keep = siblings[0] as Cluster;
      for (let i = 1; i < siblings.length; i++) widen(keep.tokens, (siblings[i] as Cluster).tokens);
      widen(keep.tokens, tokens);
      this.reindex(p, keep); // merges the siblings and everything else the widened template covers
      return this.join(p, this.clusters.get(this.resolve(keep.id)) ?? keep, leaf, tokens);
    }
    if (this.config.variableLengthMerge) {
      const other = joinAcrossLengths(p.byLength, tokens, this.config.simThreshold);
      if (other !== undefined) return this.join(p, other, undefined, tokens);
    }
    if (this.breakerOpen()) {
      this.counters.overflow++;
      return this.pseudoId(p.key, OVERFLOW);
    }
    if (this.clusters.size >= this.config.maxClusters) this.evictLru();
    return this.newCluster(p, leaf, tokens, key, hash).id;
  }

  /** A cluster found off the line's own leaf: link it there so the next such line is a fast hit. */
  private join(p: Partition, cl: Cluster, leaf: Leaf | undefined, tokens: readonly string[]): string {
    if (leaf !== undefined && !cl.leaves.includes(leaf) && cl.tokens.length === tokens.length) {
      this.epoch++;
      this.moveLeaf(leaf);
      leaf.clusters.push(cl);
      cl.leaves.push(leaf);
    }
    if (cl.tokens.length !== tokens.length) {
      cl.size++;
      cl.lastSeen = this.tick;
      return cl.id;
    }
    return this.absorb(p, cl, tokens);
  }

  private liveAlias(hash: string): Cluster | undefined {
    const id = this.aliases.get(hash) ?? hash;
    return this.clusters.get(id);
  }

  newCluster(p: Partition, leaf: Leaf, tokens: readonly string[], key: string, hash = stableHash([p.key, key])): Cluster {
    let id = this.aliases.get(hash) ?? hash;
    for (let k = 1; this.clusters.has(id); k++) id = stableHash([p.key, key, String(k)]);
    const cl: Cluster = {
      id, partition: p.key, tokens: tokens.map(detach), size: 1, lastSeen: this.tick, seq: this.seq++, leaves: [leaf], key,
    };
    leaf.clusters.push(cl);
    this.moveLeaf(leaf);
    this.link(p, cl);
    return cl;
  }

  link(p: Partition, cl: Cluster): void {
    this.epoch++;
    this.clusters.set(cl.id, cl);
    let list = p.byLength.get(cl.tokens.length);
    if (list === undefined) p.byLength.set(cl.tokens.length, (list = []));
    list.push(cl);
    if (!p.byKey.has(cl.key)) p.byKey.set(cl.key, cl);
  }

  private unlinkLength(p: Partition, cl: Cluster): void {
    this.epoch++;
    const list = p.byLength.get(cl.tokens.length);
    if (list !== undefined) {
      const i = list.indexOf(cl);
      if (i >= 0) list.splice(i, 1);
    }
    if (p.byKey.get(cl.key) === cl) p.byKey.delete(cl.key);
  }

  /** Drops the least recently used cluster (a full scan: evictions are rare and bounded by the breaker). */
  private evictLru(): void {
    let lru: Cluster | undefined;
    for (const cl of this.clusters.values()) if (lru === undefined || cl.lastSeen < lru.lastSeen) lru = cl;
    if (lru === undefined) return;
    this.epoch++;
    this.touch(lru.leaves);
    const p = this.partition(lru.partition);
    for (const leaf of lru.leaves) {
      const i = leaf.clusters.indexOf(lru);
      if (i >= 0) leaf.clusters.splice(i, 1);
    }
    this.unlinkLength(p, lru);
    this.clusters.delete(lru.id);
    this.counters.evicted++;
    this.counters.evictedLines += lru.size;
    this.evictionTicks.push(this.tick);
    const since = this.tick - this.config.breakerWindow;
    while ((this.evictionTicks[0] ?? Infinity) <= since) this.evictionTicks.shift();
    if (this.evictionTicks.length > this.config.breakerMaxEvictions) this.breakerOpenUntil = this.tick + this.config.breakerWindow;
  }

  private breakerOpen(): boolean {
    return this.tick < this.breakerOpenUntil;
  }

  partition(key: string): Partition {
    let p = this.partitions.get(key);
    if (p === undefined) {
      p = { key, ordinal: this.partitions.size, root: new Map(), byLength: new Map(), byKey: new Map() };
      this.partitions.set(key, p);
    }
    return p;
  }

  private pseudoId(partition: string, template: string): string {
    const id = stableHash([partition, template]);
    if (!this.pseudo.has(id)) this.pseudo.set(id, { id, template });
    return id;
  }

  /** Resolves an id through the alias map (merged clusters answer to the survivor). */
  resolve(id: string): string {
    let cur = id;
    for (let i = 0; i < 1000 && !this.clusters.has(cur); i++) {
      const next = this.aliases.get(cur);
      if (next === undefined) break;
      cur = next;
    }
    return cur;
  }

  template(id: string): MinedTemplate | undefined {
    const pseudo = this.pseudo.get(id);
    if (pseudo !== undefined) return pseudo;
    const cl = this.clusters.get(this.resolve(id));
    return cl === undefined ? undefined : { id: cl.id, template: renderTemplate(cl.tokens) };
  }

  templates(): MinedTemplate[] {
    const out: MinedTemplate[] = [];
    for (const cl of this.clusters.values()) out.push({ id: cl.id, template: renderTemplate(cl.tokens) });
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Lines absorbed per live cluster id. */
  sizes(): Map<string, number> {
    const m = new Map<string, number>();
    for (const cl of this.clusters.values()) m.set(cl.id, cl.size);
    return m;
  }

  /** Plain versioned JSON of the whole state; `createMiner(config, snapshot)` continues from it. */
  snapshot(): MinerSnapshot {
    return snapshotMiner(this);
  }

  stats(): MinerCounters {
    return { ...this.counters, templates: this.clusters.size };
  }
}

function utf8(bytes: Uint8Array, start: number, end: number): string {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buf.toString('utf8', start, end);
}

/**
 * A copy of a token that does not share memory with the line it came from: V8 keeps a substring as
 * a view into its parent, so a template would otherwise pin a whole input chunk in memory.
 */
function detach(token: string): string {
  return token.length < 13 ? token : (' ' + token).slice(1);
}

/** Loghub text of a template: one <*> per variable, tokens joined by one space. */
export function renderTemplate(tokens: readonly string[]): string {
  let s = '';
  for (let i = 0; i < tokens.length; i++) s += (i === 0 ? '' : ' ') + renderToken(tokens[i] as string);
  return s;
}

/** Canonical masked template (typed variables): the text stable ids hash. */
export function canonicalKey(tokens: readonly string[]): string {
  let s = '';
  for (let i = 0; i < tokens.length; i++) s += (i === 0 ? '' : ' ') + canonicalToken(tokens[i] as string);
  return s;
}

export { WILDCARD };

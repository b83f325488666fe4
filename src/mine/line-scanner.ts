// Mining split across threads (the `mine` command's workers, see docs/mining.md): a worker masks
// lines and names each distinct masked line with a small integer; the thread that owns the Miner
// keeps, per name, the masked tokens and the cluster the line went to last (a MaskedLine), and
// feeds it to Miner.addMasked in input order. Masking is a pure function of the line, so where it
// runs changes nothing: the ids and the state are those of Miner.add over the same lines.

import type { Outcome } from './cluster.js';
import { type MinerConfig, resolveConfig } from './config.js';
import { DEFAULT_LANE_LIMITS, FastLane, type FastLaneLimits, utf8 } from './fast-lane.js';
import { LINE_STRING } from './scan-core.js';

/** A masked line, with the outcome Miner.addMasked remembers for it. */
export interface MaskedLine extends Outcome {
  readonly tokens: readonly string[];
}

export function maskedLine(tokens: readonly string[]): MaskedLine {
  return { tokens, cluster: undefined, leaf: undefined, stamp: -1 };
}

/** What scan() says of a line that Miner.add must take as a string (see fast-lane.ts). */
export const AS_STRING = -1;

/**
 * The lines of a region as scanRegion() names them, in input order: `names[i]` for line i, or
 * AS_STRING (its text is then the next of `texts`, as Miner.add must take it). Lines whose name
 * was new come with their masked tokens (`freshAt`, `freshTokens`).
 */
export interface ScannedRegion {
  names: Int32Array;
  count: number;
  texts: string[];
  freshAt: number[];
  freshTokens: string[][];
}

export function scannedRegion(): ScannedRegion {
  return { names: new Int32Array(1 << 12), count: 0, texts: [], freshAt: [], freshTokens: [] };
}

/**
 * Masks lines given as bytes and names each distinct masked line with a small integer, without a
 * Miner: the worker half of the split above. `isNew()` says a name was handed out for the first
 * time since the memos last started over (they are bounded): a name can then stand for another
 * masked line than before, and its new tokens come with it.
 */
export class LineScanner {
  private readonly lane: FastLane;
  private readonly config: MinerConfig;
  private named = new Uint8Array(1 << 12);
  private seenResets = 0;
  private tokenCount = 0;
  private fresh = false;

  constructor(config?: Partial<MinerConfig>, limits: FastLaneLimits = DEFAULT_LANE_LIMITS) {
    this.config = resolveConfig(config);
    this.lane = new FastLane(this.config.maxTokens, this.config.maxLineLength, limits);
  }

  /** Times the names started over. */
  get resets(): number {
    return this.lane.resets;
  }

  /**
   * The name of the masked line `b[start, end)` (ASCII-trimmed, valid UTF-8), or AS_STRING for a
   * line the string path must take: exactly those Miner.addBytes gives to Miner.add.
   */
  scan(b: Uint8Array, start: number, end: number): number {
    const c = this.config;
    const n = end - start > c.maxLineLength ? -1 : this.lane.scan(b, start, end, 0, c.maxTokens);
    this.sawResets();
    if (n < 0) return AS_STRING;
    const node = this.lane.settle(n);
    if (node < 0) return AS_STRING; // the memo is full: it starts over before the next line
    if (node >= this.named.length) {
      const grown = new Uint8Array(Math.max(node + 1, this.named.length * 2));
      grown.set(this.named);
      this.named = grown;
    }
    this.fresh = this.named[node] === 0;
    this.named[node] = 1;
    this.tokenCount = n;
    return node;
  }

  /**
   * Names every line of `b[start, end)` into `out` (emptied first) as Miner.addLines reads them —
   * whole '\n'-separated lines, each trimmed of ASCII white space, and one whose ends are not
   * ASCII decoded and trim()med — in batches inside the fast lane. `b` must come from
   * inputBuffer(). A line the batch could not name (its masked line is not in the trie yet, or it
   * ends at a node never named, or the memos started over mid-batch) is scanned again on its own.
   */
  scanRegion(b: Uint8Array, start: number, end: number, out: ScannedRegion): void {
    const lane = this.lane;
    const c = this.config;
    const rec = lane.records;
    out.count = 0;
    out.texts.length = 0;
    out.freshAt.length = 0;
    out.freshTokens.length = 0;
    for (let pos = start; pos < end; pos = lane.batchEnd) {
      const count = lane.scanLines(b, pos, end, 0, c.maxTokens, c.maxLineLength);
      this.sawResets();
      const resets = lane.resets; // a rescan below may start the memos over: later nodes are then void
      if (out.names.length < out.count + count) {
        const grown = new Int32Array(Math.max(out.count + count, out.names.length * 2));
        grown.set(out.names);
        out.names = grown;
      }
      for (let k = 0; k < 3 * count; k += 3) {
        const what = rec[k] as number;
        const s = rec[k + 1] as number;
        const e = rec[k + 2] as number;
        let name: number;
        if (what === LINE_STRING) {
          name = AS_STRING;
          out.texts.push(utf8(b, s, e).trim());
        } else if (what >= 0 && lane.resets === resets && what < this.named.length && this.named[what] === 1) name = what;
        else {
          name = this.scan(b, s, e);
          if (name === AS_STRING) out.texts.push(utf8(b, s, e));
          else if (this.fresh) {
            out.freshAt.push(out.count);
            out.freshTokens.push(this.tokens());
          }
        }
        out.names[out.count++] = name;
      }
    }
  }

  /** Names start over with the lane's memos. */
  private sawResets(): void {
    if (this.lane.resets !== this.seenResets) {
      this.seenResets = this.lane.resets;
      this.named.fill(0);
    }
  }

  /** A buffer in the scanner's own memory, where scan() reads lines in place (FastLane.inputBuffer). */
  inputBuffer(size: number): Buffer | undefined {
    return this.lane.inputBuffer(size);
  }

  /** Whether the last scan() named its line for the first time since the last reset. */
  isNew(): boolean {
    return this.fresh;
  }

  /** The masked tokens of the last scanned line (a new array). */
  tokens(): string[] {
    return this.lane.tokens(this.tokenCount, []);
  }
}

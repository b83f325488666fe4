// Mining split across threads (the `mine` command's workers, see docs/mining.md): a worker masks
// lines and names each distinct masked line with a small integer; the thread that owns the Miner
// keeps, per name, the masked tokens and the cluster the line went to last (a MaskedLine), and
// feeds it to Miner.addMasked in input order. Masking is a pure function of the line, so where it
// runs changes nothing: the ids and the state are those of Miner.add over the same lines.

import type { Outcome } from './cluster.js';
import { type MinerConfig, resolveConfig } from './config.js';
import { DEFAULT_LANE_LIMITS, FastLane, type FastLaneLimits } from './fast-lane.js';

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
    if (this.lane.resets !== this.seenResets) {
      this.seenResets = this.lane.resets;
      this.named.fill(0);
    }
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

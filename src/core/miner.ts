// The contract between the pipeline and the template miner (src/mine). Small on purpose so the
// miner can change inside without touching callers.

export interface MinedTemplate {
  /** Stable id: a hash of the canonical masked template, kept when the template widens. */
  id: string;
  /** Template text in the Loghub convention: one `<*>` per variable. */
  template: string;
}

export interface MinerStats {
  lines: number;
  templates: number;
  /** Lines skipped (too long / too many tokens) and lines truncated, counted, never silent. */
  skipped: number;
  truncated: number;
  evicted: number;
}

export interface TemplateMiner {
  /** Mines one message within a partition (e.g. "service|severity"); returns its cluster's id. */
  add(message: string, partition?: string): string;
  /** The current template of a cluster id (after widening), or undefined if unknown/evicted. */
  template(id: string): MinedTemplate | undefined;
  templates(): MinedTemplate[];
  stats(): MinerStats;
}

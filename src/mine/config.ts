// One configuration object for the miner. Every setting says what it trades off, so a reader can
// change one knowingly. The defaults are generic: the same values for every log source.

export interface MinerConfig {
  /**
   * Minimum share of positions a line must share with a template to join it (0..1).
   * Higher splits templates that differ by a word (more, purer templates); lower merges them
   * (fewer templates, but distinct events can collapse into one).
   */
  simThreshold: number;
  /**
   * Lines shorter than this many tokens need every constant token to match. Short messages
   * ("Link error" / "Link down") differ by one word that is the whole meaning, so a ratio is too lax.
   */
  shortLineTokens: number;
  /**
   * How many leading tokens route a line down the prefix tree before the leaf's clusters are
   * compared. Deeper is faster per line (smaller leaves) but a variable early word splits a template
   * across leaves (the cross-leaf check on creation repairs most of those, at creation cost).
   */
  depth: number;
  /** Max clusters a leaf holds before new ones go to the LRU path only. Bounds per-line work. */
  maxChildren: number;
  /**
   * Max live clusters over all partitions; beyond it the least recently used is evicted.
   * Bounds memory; too low and a busy source churns templates (and ids reappear only via the alias map).
   */
  maxClusters: number;
  /**
   * Eviction circuit breaker: more than `breakerMaxEvictions` evictions within `breakerWindow`
   * lines opens the breaker, and for the rest of that window unmatched lines go to the partition's
   * overflow template instead of creating clusters. Protects memory and ids from a flood of unique
   * lines (e.g. an unmasked random token); the cost is that genuinely new templates in that window
   * are reported as overflow.
   */
  breakerMaxEvictions: number;
  breakerWindow: number;
  /** Characters kept from a line; longer lines are truncated (and counted). Bounds per-line work. */
  maxLineLength: number;
  /** Lines with more tokens than this are not mined but counted as skipped (to the skipped template). */
  maxTokens: number;
  /**
   * Distinct constants one position must show (in clusters otherwise alike) before it is treated as
   * a variable. Lower finds word variables (user names) sooner; higher keeps small enumerations
   * (states, verbs: "startup" / "shutdown") as distinct templates.
   */
  siblingValues: number;
  /**
   * Check clusters of other leaves of the same length before creating a cluster (catches templates
   * whose early words vary). Costs a scan of that length's clusters on each creation only.
   */
  crossLeafMerge: boolean;
  /**
   * When two clusters of different token counts align on all their constant tokens with only variable
   * spans differing, join them (multi-word variables: messages, names with spaces). Creation-time cost.
   */
  variableLengthMerge: boolean;
}

export const DEFAULT_MINER_CONFIG: Readonly<MinerConfig> = Object.freeze({
  simThreshold: 0.5,
  shortLineTokens: 3,
  depth: 4,
  maxChildren: 100,
  maxClusters: 50_000,
  breakerMaxEvictions: 1_000,
  breakerWindow: 100_000,
  maxLineLength: 10_000,
  maxTokens: 400,
  siblingValues: 4,
  crossLeafMerge: true,
  variableLengthMerge: true,
});

export function resolveConfig(partial?: Partial<MinerConfig>): MinerConfig {
  return { ...DEFAULT_MINER_CONFIG, ...(partial ?? {}) };
}

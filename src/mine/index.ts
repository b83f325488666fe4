// The template miner (see docs/mining.md). Pure: no I/O, no clock; state in, state out.
import type { MinerConfig } from './config.js';
import { Miner } from './miner.js';
import { restoreMiner } from './restore.js';

export { DEFAULT_MINER_CONFIG, resolveConfig, type MinerConfig } from './config.js';
export { Miner, renderTemplate, canonicalKey, type IdSink, type MinerCounters } from './miner.js';
export { MASK_RULES, classify, maskToken, isVariableSegment, type MaskRule, type MaskType } from './mask.js';
export { tokenize, tokenizeWithSpacing, joinWithSpacing } from './tokenize.js';
export { similarity, generalizeToken, widen } from './similarity.js';
export { parseSnapshot } from './snapshot-schema.js';
export { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, snapshotMiner, type MinerSnapshot } from './snapshot.js';
export { restoreMiner } from './restore.js';
export { LineScanner, AS_STRING, maskedLine, type MaskedLine } from './line-scanner.js';
export { compileLogFormat, type LogFormat } from './log-format.js';

/**
 * A miner, empty or continuing from a snapshot (ids and templates survive across runs).
 * The snapshot's own configuration is kept unless `config` overrides settings.
 */
export function createMiner(config?: Partial<MinerConfig>, snapshot?: unknown): Miner {
  return snapshot === undefined ? new Miner(config) : restoreMiner(snapshot, config);
}

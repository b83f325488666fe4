// Test and evaluation helper: runs files through the project's real pipeline pieces — ingest
// (normalizeEntry + traceback folding, via openFileSource), the template miner (createMiner) and the
// text the app mines (minedText) — then the incident engine, the way src/app/run.ts does.
import type { LogRecord } from '../../core/record.js';
import { emptyHistory, type History } from '../../core/history.js';
import { openFileSource } from '../../ingest/index.js';
import { createMiner } from '../../mine/index.js';
import { minedText as appMinedText } from '../../app/mined-text.js';
import { createIncidentEngine, type IncidentConfig, type IncidentResult } from '../index.js';

export interface MinerLike {
  add(message: string, partition?: string): string;
  template(id: string): { id: string; template: string } | undefined;
}

export async function readRecords(path: string): Promise<LogRecord[]> {
  const source = openFileSource([path]);
  const out: LogRecord[] = [];
  for await (const r of source.records()) out.push(r);
  return out;
}

/** The project's miner, fresh. */
export async function projectMiner(): Promise<MinerLike> {
  return createMiner();
}

/** What the app mines for a record (src/app/mined-text.ts). */
export const minedText = appMinedText;

export interface Analysis {
  result: IncidentResult;
  /** Per record (input order): its incident key ('' when ignored). */
  incidentOf: string[];
  records: LogRecord[];
}

export async function analyse(
  records: LogRecord[],
  opts: { config?: Partial<IncidentConfig>; history?: History; now?: string; window?: { from: string; to: string }; miner?: MinerLike; fresh?: (r: LogRecord) => boolean } = {},
): Promise<Analysis> {
  const miner = opts.miner ?? (await projectMiner());
  const engine = createIncidentEngine(opts.config);
  const groupKeys: string[] = [];
  let minMs = Infinity;
  let maxMs = -Infinity;
  for (const r of records) {
    const templateId = miner.add(minedText(r), `${r.service ?? ''}|${r.severity}`);
    groupKeys.push(engine.add(r, templateId, opts.fresh?.(r) ?? true));
    minMs = Math.min(minMs, r.timeMs);
    maxMs = Math.max(maxMs, r.timeMs);
  }
  const window = opts.window ?? {
    from: new Date(Math.floor(minMs / 60_000) * 60_000).toISOString(),
    to: new Date(Math.ceil((maxMs + 1) / 60_000) * 60_000).toISOString(),
  };
  const result = engine.finish({
    history: opts.history ?? emptyHistory(),
    templates: (id) => miner.template(id),
    window,
    now: opts.now ?? window.to,
  });
  return { result, incidentOf: groupKeys.map((k) => result.assignmentOf(k) ?? ''), records };
}

// Test and evaluation helper: runs files through the project's real ingest (normalize + traceback
// folding), a template miner and the incident engine, the way the app does. The miner is the
// project's (src/mine) when it is there; otherwise a minimal masking miner stands in, so this
// module's tests do not depend on work in progress elsewhere.
import type { LogRecord } from '../../core/record.js';
import { stableHash } from '../../core/hash.js';
import { emptyHistory, type History } from '../../core/history.js';
import { openFileSource } from '../../ingest/index.js';
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

/** The project's miner when present, else the fallback below. */
export async function projectMiner(): Promise<MinerLike> {
  const modulePath = '../../mine/index.js';
  try {
    const mod = (await import(modulePath)) as { createMiner?: () => MinerLike };
    if (typeof mod.createMiner === 'function') return mod.createMiner();
  } catch {
    // not there yet: fall back
  }
  return fallbackMiner();
}

/** Masks numbers, hex, uuids, ips and quoted values; the template is the masked text itself. */
export function fallbackMiner(): MinerLike {
  const templates = new Map<string, string>();
  return {
    add(message, partition = '') {
      const t = message
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<*>')
        .replace(/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '<*>')
        .replace(/\b(?=\w*\d)[\w-]{6,}\b/g, '<*>')
        .replace(/\d+/g, '<*>');
      const id = stableHash([partition, t]);
      templates.set(id, t);
      return id;
    },
    template: (id) => (templates.has(id) ? { id, template: templates.get(id)! } : undefined),
  };
}

/** What the app mines for a record (mirrors src/app/mined-text.ts). */
export function minedText(r: LogRecord): string {
  if (r.exception !== undefined) {
    const m = r.exception.message.split('\n')[0] ?? '';
    return m === '' ? r.exception.type : `${r.exception.type}: ${m}`;
  }
  return r.message.replace(/\s*\n\s*/g, ' ');
}

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

// Runs the engine over hand-written records with the test "miner" (digits masked).
import { emptyHistory, type History } from '../../core/history.js';
import type { LogRecord } from '../../core/record.js';
import { createIncidentEngine, type IncidentConfig, type IncidentResult } from '../index.js';
import { templateOf } from './make-record.js';

export interface EngineRun {
  result: IncidentResult;
  /** Incident key per record, in input order. */
  incidentOf: string[];
  /** The incident holding the record at `index`. */
  incidentAt(index: number): IncidentResult['incidents'][number];
}

export function runEngine(
  records: LogRecord[],
  opts: { config?: Partial<IncidentConfig>; history?: History; window?: { from: string; to: string }; now?: string; fresh?: boolean } = {},
): EngineRun {
  const engine = createIncidentEngine(opts.config);
  const templates = new Map<string, string>();
  const keys = records.map((r) => {
    const tpl = templateOf(r.message);
    templates.set(tpl, tpl.slice(2));
    return engine.add(r, tpl, opts.fresh ?? true);
  });
  const times = records.map((r) => r.timeMs);
  const window = opts.window ?? {
    from: new Date(Math.floor(Math.min(...times) / 60_000) * 60_000).toISOString(),
    to: new Date(Math.floor(Math.max(...times) / 60_000) * 60_000 + 60_000).toISOString(),
  };
  const result = engine.finish({
    history: opts.history ?? emptyHistory(),
    templates: (id) => (templates.has(id) ? { id, template: templates.get(id)! } : undefined),
    window,
    now: opts.now ?? window.to,
  });
  const incidentOf = keys.map((k) => result.assignmentOf(k) ?? '');
  return {
    result,
    incidentOf,
    incidentAt: (i) => {
      const inc = result.incidents.find((x) => x.key === incidentOf[i]);
      if (inc === undefined) throw new Error(`record ${i} has no incident`);
      return inc;
    },
  };
}

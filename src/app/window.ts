import type { GardenerConfig } from '../config/schema.js';
import { fixedClock } from '../core/clock.js';
import { resolveWindow } from '../ingest/gcp/index.js';
import type { Cursor } from '../store/store.js';
import type { RunRequest } from './request.js';

// The run's window in epoch milliseconds. Cloud Logging always needs one (default: the last hour);
// files without window flags are analysed whole and the report's window is the input's span.

export interface RunWindow {
  fromMs?: number;
  toMs?: number;
  basis: string;
}

export function resolveRunWindow(req: RunRequest, config: GardenerConfig, now: Date, cursor: Cursor | undefined): RunWindow {
  const w = req.window;
  const none = w.since === undefined && w.from === undefined && w.to === undefined;
  if (none && req.cloud === undefined) return { basis: 'input' };
  const spec = none ? { since: '1h' } : { ...w };
  const resolved = resolveWindow(
    { ...spec, overlap: `${config.gcp.overlapMinutes}m` },
    fixedClock(now),
    cursor,
  );
  return { fromMs: Date.parse(resolved.from), toMs: Date.parse(resolved.to), basis: resolved.basis };
}

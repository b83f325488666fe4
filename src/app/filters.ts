import type { LogRecord } from '../core/record.js';
import { SEVERITY_NUMBERS, type Severity } from '../core/severity.js';

// The window and severity filters applied to every record, the same way the Cloud Logging query
// applies them server-side: from inclusive, to exclusive; entries without severity on stderr are
// kept under a severity floor, because that is where Cloud Run puts raw tracebacks.

export interface RecordFilter {
  fromMs?: number;
  toMs?: number;
  minSeverity?: Severity;
  service?: string;
}

export type FilterVerdict = 'keep' | 'outside-window' | 'below-severity' | 'other-service';

export function filterRecord(r: LogRecord, f: RecordFilter): FilterVerdict {
  if (f.service !== undefined && r.service !== undefined && r.service !== f.service) return 'other-service';
  if (f.fromMs !== undefined && !(r.timeMs >= f.fromMs)) return 'outside-window';
  if (f.toMs !== undefined && !(r.timeMs < f.toMs)) return 'outside-window';
  if (f.minSeverity !== undefined) {
    const floor = SEVERITY_NUMBERS[f.minSeverity];
    const keepUnset = r.severity === 'DEFAULT' && (r.logKind === 'stderr' || r.exception !== undefined);
    if (SEVERITY_NUMBERS[r.severity] < floor && !keepUnset) return 'below-severity';
  }
  return 'keep';
}

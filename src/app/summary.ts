import type { LogRecord } from '../core/record.js';
import { isErrorOrWorse, SEVERITY_NUMBERS, type Severity } from '../core/severity.js';
import { isoMinute, minuteOf } from './time.js';

// Service-wide figures for the executive summary, accumulated while records stream by.
// Bounded by the number of minutes in the window, not by the number of records.

/** The service name used for records that carry none (plain-text inputs). */
export const UNKNOWN_SERVICE = '(unknown)';

export interface MinuteBucket {
  errors: number;
  warnings: number;
  other: number;
}

export class SummaryAccumulator {
  records = 0;
  readonly bySeverity: Partial<Record<Severity, number>> = {};
  readonly services = new Map<string, number>();
  readonly perMinute = new Map<number, MinuteBucket>();
  minTimeMs = Number.POSITIVE_INFINITY;
  maxTimeMs = Number.NEGATIVE_INFINITY;

  add(r: LogRecord): void {
    this.records++;
    this.bySeverity[r.severity] = (this.bySeverity[r.severity] ?? 0) + 1;
    const svc = r.service ?? UNKNOWN_SERVICE;
    this.services.set(svc, (this.services.get(svc) ?? 0) + 1);
    if (Number.isFinite(r.timeMs)) {
      if (r.timeMs < this.minTimeMs) this.minTimeMs = r.timeMs;
      if (r.timeMs > this.maxTimeMs) this.maxTimeMs = r.timeMs;
      const m = minuteOf(r.timeMs);
      let b = this.perMinute.get(m);
      if (!b) this.perMinute.set(m, (b = { errors: 0, warnings: 0, other: 0 }));
      if (isErrorOrWorse(r.severity)) b.errors++;
      else if (SEVERITY_NUMBERS[r.severity] === SEVERITY_NUMBERS.WARNING) b.warnings++;
      else b.other++;
    }
  }

  /** Every minute of [fromMs, toMs), zeros included, so the series shows gaps honestly. */
  series(fromMs: number, toMs: number): { minute: string; errors: number; warnings: number; other: number }[] {
    const out = [];
    for (let m = minuteOf(fromMs); m < toMs; m += 60_000) {
      const b = this.perMinute.get(m) ?? { errors: 0, warnings: 0, other: 0 };
      out.push({ minute: isoMinute(m), ...b });
    }
    return out;
  }
}

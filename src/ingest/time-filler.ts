import type { LogRecord } from '../core/record.js';
import { isoFromMs } from './time.js';

// Records without a timestamp of their own (text lines with no leading time, entries missing both
// timestamp fields) take the time of the record before them in the same input. Those at the very
// start wait (bounded) for the first timed record and take its time; if none comes, they get the
// epoch, and the coverage note says so. Either way the count is reported, never silent.

const MAX_WAITING = 10_000;

export class TimeFiller {
  private lastIso: string | undefined;
  private lastMs = Number.NaN;
  private waiting: LogRecord[] = [];
  private untimed = 0;
  private epochFilled = 0;

  push(record: LogRecord): LogRecord[] {
    if (record.timestamp !== '' && Number.isFinite(record.timeMs)) {
      this.lastIso = record.timestamp;
      this.lastMs = record.timeMs;
      const released = this.waiting.map((r) => this.fill(r));
      this.waiting = [];
      return [...released, record];
    }
    this.untimed++;
    if (this.lastIso !== undefined) return [this.fill(record)];
    this.waiting.push(record);
    if (this.waiting.length >= MAX_WAITING) return this.flushAtEpoch();
    return [];
  }

  end(): LogRecord[] {
    return this.flushAtEpoch();
  }

  note(): string | undefined {
    if (this.untimed === 0) return undefined;
    const epoch = this.epochFilled > 0 ? ` (${this.epochFilled} before any timed record got 1970-01-01T00:00:00Z)` : '';
    return `${this.untimed} records had no timestamp and carry the time of a neighbouring record${epoch}`;
  }

  private flushAtEpoch(): LogRecord[] {
    const out = this.waiting.map((r) => ({ ...r, timestamp: isoFromMs(0), timeMs: 0 }));
    this.epochFilled += out.length;
    this.waiting = [];
    return out;
  }

  private fill(r: LogRecord): LogRecord {
    return { ...r, timestamp: this.lastIso as string, timeMs: this.lastMs };
  }
}

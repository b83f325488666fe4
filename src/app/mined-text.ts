import type { LogRecord } from '../core/record.js';

/**
 * The text handed to the template miner for a record. A record carrying a stack trace is mined
 * by its exception line ("KeyError: 'user'"), not by the "Traceback (most recent call last):"
 * header every Python trace shares; multi-line messages are mined as one line.
 */
export function minedText(r: LogRecord): string {
  if (r.exception !== undefined) {
    const m = r.exception.message;
    return m === '' ? r.exception.type : `${r.exception.type}: ${firstLine(m)}`;
  }
  return r.message.includes('\n') ? r.message.replace(/\s*\n\s*/g, ' ') : r.message;
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}

/** Miner partition: per service and severity, as DESIGN.md prescribes. */
export function partitionOf(r: LogRecord): string {
  return `${r.service ?? ''}|${r.severity}`;
}

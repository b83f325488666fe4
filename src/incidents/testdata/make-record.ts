// Small hand-written records for unit tests: only the fields a test cares about, the rest defaulted.
import type { LogRecord, ParsedException, StackFrame } from '../../core/record.js';

let seq = 0;

export function rec(p: Partial<LogRecord> & { at?: string }): LogRecord {
  seq++;
  const timestamp = p.at ?? p.timestamp ?? '2025-09-07T13:00:00.000Z';
  const { at: _at, ...rest } = p;
  return {
    origin: { input: 'test', line: seq },
    insertId: `id${String(seq).padStart(6, '0')}`,
    severity: 'INFO',
    message: '',
    logKind: 'stdout',
    labels: {},
    raw: null,
    service: 'svc',
    ...rest,
    timestamp,
    timeMs: Date.parse(timestamp),
  };
}

/** A timestamp `seconds` after a fixed base, for sequences. */
export function t(seconds: number): string {
  return new Date(Date.parse('2025-09-07T13:00:00.000Z') + seconds * 1000).toISOString();
}

export function pyFrame(file: string, fn: string, line = 1): StackFrame {
  return { file, line, function: fn, inApp: !/site-packages|\/usr\/lib\/python/.test(file) };
}

export function pyException(type: string, message: string, frames: StackFrame[]): ParsedException {
  return { language: 'python', type, message, frames };
}

/** A deterministic "miner" for unit tests: the template is the message with digits masked. */
export function templateOf(message: string): string {
  return `t:${message.replace(/\d+/g, '<*>')}`;
}

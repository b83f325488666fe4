import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from '../core/errors.js';

// Thin wrapper over node:util parseArgs that turns its errors into usage errors with the
// command's name, and lets `--input a b c` take several values the way the README shows.

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

type Parsed<T extends OptionSpec> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

export function parseCommandArgs<T extends OptionSpec>(command: string, args: string[], options: T): Parsed<T> {
  try {
    return parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw usageError(`${command}: ${msg}`, `see: log-gardener ${command} --help`);
  }
}

/** A duration like 90s, 15m, 1h, 2d, 1w → milliseconds. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 604800e3 }[m[2] as 'ms'];
  return n * unit;
}

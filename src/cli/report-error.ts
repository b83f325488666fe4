import { GardenerError } from '../core/errors.js';
import { exitCodeForError } from './exit-codes.js';
import type { CliIo } from './io.js';

/** Writes what went wrong (a hint if there is one) and returns the exit code it maps to. */
export function reportError(io: Pick<CliIo, 'stderr'>, err: unknown): number {
  if (err instanceof GardenerError) {
    io.stderr.write(`error: ${err.message}\n`);
    if (err.hint) io.stderr.write(`hint: ${err.hint}\n`);
  } else {
    io.stderr.write(`error: internal error (please report it): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  return exitCodeForError(err);
}

import { GardenerError } from '../core/errors.js';

// Exit codes, documented in the README. The CLI is the only place that turns outcomes into them.
export const EXIT = {
  /** Finished; warnings (malformed lines, deferred GitHub writes) may have been printed. */
  ok: 0,
  /** An unexpected internal error (a bug): the message and stack go to stderr. */
  internal: 1,
  /** Usage or configuration error, or an input that cannot be read at all. Nothing was written. */
  usage: 2,
  /** Partial: the source stopped early; what was read was analysed and written, coverage says up to when. */
  partial: 3,
  /** GitHub sync incomplete: some planned writes failed (the worklog and plan say which). */
  githubIncomplete: 4,
  /** Authentication or permission refused (Cloud Logging or GitHub). */
  auth: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitCodeForError(err: unknown): ExitCode {
  if (err instanceof GardenerError) {
    switch (err.kind) {
      case 'usage':
      case 'input':
      case 'config':
        return EXIT.usage;
      case 'auth':
        return EXIT.auth;
      case 'remote':
        return EXIT.partial;
      case 'store':
        return EXIT.internal;
    }
  }
  return EXIT.internal;
}

// Typed errors: each says what failed, with what input, and what the user can do about it.
// The CLI maps them to exit codes in one place (src/cli/exit-codes.ts).

export type ErrorKind =
  | 'usage' // bad flags or arguments
  | 'input' // an input that cannot be read at all
  | 'config' // invalid configuration
  | 'auth' // credentials missing or rejected
  | 'remote' // a remote API failed after retries
  | 'store'; // the state store failed

export class GardenerError extends Error {
  readonly kind: ErrorKind;
  readonly hint: string | undefined;
  constructor(kind: ErrorKind, message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GardenerError';
    this.kind = kind;
    this.hint = options?.hint;
  }
}

export const usageError = (msg: string, hint?: string) => new GardenerError('usage', msg, { hint });
export const inputError = (msg: string, cause?: unknown) => new GardenerError('input', msg, { cause });

import type { Clock } from '../../core/clock.js';
import { usageError } from '../../core/errors.js';
import { formatInstant, parseDuration, parseInstant } from './time.js';

// Resolves the user's window flags into an exact half-open UTC interval [from, to).

export interface WindowSpec {
  /** "1h", "15m", "2d", or "last" (resume from the stored cursor). */
  since?: string;
  from?: string;
  to?: string;
  /** Overlap subtracted from the cursor for `--since last`, so late arrivals are caught. Default 5m. */
  overlap?: string;
  /**
   * What `--since last` does when there is no cursor yet: a duration (e.g. "1h") to read instead,
   * or undefined to fail with a clear message (the default).
   */
  lastFallback?: string;
}

export interface ResolvedWindow {
  /** Inclusive, RFC 3339 UTC. */
  from: string;
  /** Exclusive, RFC 3339 UTC. */
  to: string;
  /** How the window was derived, in words, for the worklog. */
  basis: string;
}

export const DEFAULT_OVERLAP = '5m';

export function resolveWindow(spec: WindowSpec, clock: Clock, cursor?: { readUpTo: string }): ResolvedWindow {
  const hasRange = spec.from !== undefined || spec.to !== undefined;
  if (spec.since !== undefined && spec.from !== undefined) {
    throw usageError('--since and --from both given', 'use either --since 1h (up to now) or --from T [--to T]');
  }
  const nowMs = clock.now().getTime();
  // A window cannot end in the future: entries after now do not exist yet, and a cursor stored at a
  // future `to` would make the next `--since last` skip them when they arrive.
  const askedTo = spec.to !== undefined ? parseInstant(spec.to, '--to') : nowMs;
  const toMs = Math.min(askedTo, nowMs);
  const toText = formatInstant(toMs);
  const clampNote = askedTo > nowMs ? ` (--to ${spec.to} is in the future; clamped to now, ${toText})` : '';
  let fromMs: number;
  let basis: string;
  if (spec.since === 'last') {
    const overlapMs = parseDuration(spec.overlap ?? DEFAULT_OVERLAP, 'overlap');
    if (cursor === undefined) {
      if (spec.lastFallback === undefined) {
        throw usageError(
          '--since last: no earlier run has been recorded for this project and service',
          'run once with --since 1h (or --from/--to); later runs can then resume with --since last',
        );
      }
      fromMs = toMs - parseDuration(spec.lastFallback, 'fallback window');
      basis = `--since last with no earlier run: the last ${spec.lastFallback} up to ${toText}`;
    } else {
      const cursorMs = parseInstant(cursor.readUpTo, 'stored cursor');
      fromMs = cursorMs - overlapMs;
      basis = `--since last: previous run read up to ${formatInstant(cursorMs)}, minus ${spec.overlap ?? DEFAULT_OVERLAP} overlap, up to ${toText}`;
    }
  } else if (spec.since !== undefined) {
    fromMs = toMs - parseDuration(spec.since, '--since');
    basis = `--since ${spec.since}: ${spec.since} up to ${toText}`;
  } else if (spec.from !== undefined) {
    fromMs = parseInstant(spec.from, '--from');
    basis = spec.to !== undefined ? `--from ${spec.from} --to ${spec.to}` : `--from ${spec.from} up to now (${toText})`;
  } else {
    throw usageError(
      hasRange ? '--to needs --from or --since' : 'no time window given',
      'pass --since 1h, --since last, or --from 2025-09-07T13:00:00Z --to 2025-09-07T14:00:00Z',
    );
  }
  if (fromMs >= toMs) {
    throw usageError(`empty window: ${formatInstant(fromMs)} is not before ${toText}`, 'the start must be before the end (and not in the future)');
  }
  return { from: formatInstant(fromMs), to: toText, basis: basis + clampNote };
}

/**
 * Where the next `--since last` resumes: the window's end after a complete read, otherwise the
 * timestamp the read got up to (or the window's start when nothing was read).
 */
export function cursorAfterRead(window: { from: string; to: string }, coverage: { complete: boolean; readUpTo?: string }): string {
  if (coverage.complete) return window.to;
  return coverage.readUpTo ?? window.from;
}

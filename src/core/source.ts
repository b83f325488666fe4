import type { InputProblem, LogRecord } from './record.js';

// A source yields normalized records as a stream and, when done, says what it covered.

export interface SourceCoverage {
  /** Input name ("-" for stdin, a path, or "cloud-logging:project/service"). */
  input: string;
  /** Detected format: "gcloud-json", "ndjson", "text", "cloud-logging-api", "gcloud-cli". */
  format: string;
  /** Raw units read (lines for NDJSON/text, array elements, API entries). */
  entries: number;
  /** Records produced (after folding split tracebacks). */
  records: number;
  /** Entries folded into an earlier record (traceback fragments). */
  folded: number;
  /** Malformed or skipped units: count plus the first ones with their positions. */
  problemCount: number;
  problems: InputProblem[];
  /** False when the read stopped early (an API failure after retries). */
  complete: boolean;
  /** When incomplete: the timestamp up to which the window was read. */
  readUpTo?: string;
  /** The exact query sent, for API sources. */
  query?: string;
  note?: string;
  /** Why the read stopped early (with `complete: false`): the failure's message and what to do about it. */
  error?: string;
}

export interface RecordSource {
  records(): AsyncIterable<LogRecord>;
  /** Valid once records() has been fully consumed (or has thrown). */
  coverage(): SourceCoverage[];
}

/** Coverage of an input before anything is read: every reader starts from this one shape. */
export function emptyCoverage(input: string, format: string, query?: string): SourceCoverage {
  return { input, format, entries: 0, records: 0, folded: 0, problemCount: 0, problems: [], complete: false, ...(query !== undefined ? { query } : {}) };
}

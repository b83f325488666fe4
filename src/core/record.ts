import type { Severity } from './severity.js';

// One normalized log record: what every source (Cloud Logging REST, gcloud, files, stdin) produces
// and everything downstream consumes. Fields are optional where the source may not carry them;
// nothing is invented: an absent value stays absent.

/** Which of Cloud Run's logs an entry came from, read off logName. */
export type LogKind = 'stdout' | 'stderr' | 'requests' | 'varlog' | 'audit' | 'other';

/** Where a record came from, for error messages, coverage and the assignments file. */
export interface RecordOrigin {
  /** Input name as the user gave it ("-" for stdin, or "cloud-logging"). */
  input: string;
  /** 1-based line number in the input (NDJSON / text) or 1-based index in a JSON array / API stream. */
  line: number;
}

export interface StackFrame {
  /** File path as printed (normalized by the fingerprinting code, not here). */
  file?: string;
  line?: number;
  function?: string;
  /** Java/Go package or Python module when the frame gives one. */
  module?: string;
  /** False for site-packages, node_modules, the JDK, the Go runtime, standard libraries. */
  inApp: boolean;
}

export type StackLanguage = 'python' | 'node' | 'java' | 'go' | 'unknown';

export interface ParsedException {
  language: StackLanguage;
  /** Exception class / error name, e.g. "ModuleNotFoundError", "java.lang.IllegalStateException", "panic". */
  type: string;
  message: string;
  /** Outermost-call-first for Python and Go as printed; innermost-first for Java/Node as printed. Kept as printed. */
  frames: StackFrame[];
  /** Chained exceptions: Python "During handling…"/"The above exception…", Java "Caused by". Printed order. */
  chain?: ParsedException[];
  /** The innermost cause (the one a fix targets): for Python the last printed, for Java the last "Caused by". */
}

export interface HttpInfo {
  method?: string;
  url?: string;
  status?: number;
  latencyMs?: number;
  userAgent?: string;
  remoteIp?: string;
  requestSize?: number;
  responseSize?: number;
  protocol?: string;
}

export interface SourceLocation {
  file?: string;
  line?: number;
  function?: string;
}

export interface AuditInfo {
  serviceName?: string;
  methodName?: string;
  resourceName?: string;
  principal?: string;
  statusCode?: number;
  statusMessage?: string;
}

export interface LogRecord {
  origin: RecordOrigin;
  /** Cloud Logging insertId; for text inputs a deterministic id derived from input name and line. */
  insertId: string;
  /** ISO 8601 UTC timestamp as given (full precision kept); records without one get the previous record's time and a coverage note. */
  timestamp: string;
  /** Milliseconds since epoch of `timestamp`. */
  timeMs: number;
  receiveTimeMs?: number;
  severity: Severity;
  /**
   * Only for records whose severity is DEFAULT (Cloud Run's raw stderr/stdout lines): the level word
   * the text itself carries ("[ERROR]", "- WARNING -", "| INFO |"), guessed as for text inputs.
   * `severity` stays DEFAULT; this is a hint for filters and ranking, not a measured severity.
   */
  levelInText?: Severity;
  /** The message a human reads: textPayload, jsonPayload.message/msg/error, an audit summary, or a request line. */
  message: string;
  logKind: LogKind;
  logName?: string;
  project?: string;
  resourceType?: string;
  service?: string;
  revision?: string;
  configuration?: string;
  location?: string;
  instanceId?: string;
  trace?: string;
  spanId?: string;
  http?: HttpInfo;
  sourceLocation?: SourceLocation;
  /** Logger / module name (jsonPayload.logger, context.name, labels.module). */
  logger?: string;
  /** Entry labels plus useful jsonPayload labels, flattened to strings. */
  labels: Record<string, string>;
  errorGroups?: string[];
  audit?: AuditInfo;
  /** A stack trace parsed from the message or payload; for joined fragments, the whole trace. */
  exception?: ParsedException;
  /** The full stack trace text when there is one (verbatim). */
  stackText?: string;
  /** User identifier where the logs carry one (jsonPayload user/user_id/userId). */
  user?: string;
  /** insertIds of further entries folded into this record (a traceback split across stderr entries). */
  foldedInsertIds?: string[];
  /** The raw entry, for verbatim evidence. Text inputs: the raw line. */
  raw: unknown;
}

/** A problem with one piece of input: counted, reported with its position, never fatal. */
export interface InputProblem {
  input: string;
  line: number;
  reason: string;
}

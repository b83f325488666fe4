import type { LogRecord } from '../core/record.js';
import { SEVERITY_NUMBERS, parseSeverity, type Severity } from '../core/severity.js';

// What one record says about a failure, read off its text and fields: is it a process exit, a
// traceback fragment, an error, a softer problem, a failed request? These roles decide which
// correlation evidence a record may contribute to (see group-evidence.ts).

export type RecordRole = 'exit' | 'fragment' | 'anchor' | 'problem' | 'failed-request' | 'plain';

const EXIT_PATTERNS: RegExp[] = [
  /Container called exit\((\d+)\)/,
  /Worker failed to boot/,
  /Reason: (?:Worker|App) failed to (?:boot|load)/,
  // SIGTERM and "Shutting down: Master" also end every graceful scale-down: not crash signals.
  /Worker \(pid:?\s*\d+\) (?:exited with code [1-9]|was sent SIGKILL)/,
  /Memory limit of .+ exceeded/i,
  /\bOOMKilled\b/,
  /STARTUP (?:TCP|HTTP|GRPC) probe failed/i,
  /container failed to start and listen on the port/i,
  /process exited with (?:exit )?(?:code|status) [1-9]/i,
];

/** The exit code printed by Cloud Run ("Container called exit(3).") or a worker exit line. */
export function exitCodeOf(message: string): string | undefined {
  const m = /exit\((\d+)\)/.exec(message) ?? /exited with (?:exit )?(?:code|status) (\d+)/i.exec(message);
  return m?.[1];
}

// One alternation instead of a loop over patterns: this runs on every line.
const EXIT_ANY = new RegExp(EXIT_PATTERNS.map((p) => `(?:${p.source})`).join('|'), 'i');
const EXIT_EXACT = EXIT_PATTERNS;

export function isExitLine(message: string): boolean {
  // The combined test is case-insensitive; confirm with the exact patterns on a (rare) hit.
  return EXIT_ANY.test(message) && EXIT_EXACT.some((p) => p.test(message));
}

const FRAGMENT_PATTERNS: RegExp[] = [
  /^Traceback \(most recent call last\):/,
  /^\s+File ".*", line \d+/,
  /^\s+at \S+(?: \(.*\))?\s*$/,
  /^\s*\.\.\. \d+ more\s*$/,
  /^(?:During handling of the above exception|The above exception was the direct cause)/,
  /^Caused by: /,
  /^goroutine \d+ \[/,
  /^\s{2,}\S/,
];

const FRAGMENT_ANY = new RegExp(FRAGMENT_PATTERNS.map((p) => `(?:${p.source})`).join('|'));

export function isTracebackFragment(message: string): boolean {
  return FRAGMENT_ANY.test(message);
}

/** A bare exception line as Python/Java print it last: "ModuleNotFoundError: No module named 'x'". */
export const EXCEPTION_LINE = /^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Failure|Fault))(?::\s*(.*))?$/;

// Many stderr lines carry their level in the text ("- WARNING -", "[INFO]") while the entry has none.
const EMBEDDED_LEVEL = /(?:^|[\s[|(-])(DEBUG|INFO|NOTICE|WARN(?:ING)?|ERROR|CRITICAL|FATAL)(?=[\]\s:|)-]|$)/;

/** Severity for role decisions: the entry's, or, when it has none, the level printed in the text. */
export function effectiveSeverity(record: LogRecord): Severity {
  if (record.severity !== 'DEFAULT') return record.severity;
  const m = EMBEDDED_LEVEL.exec(record.message.slice(0, 120));
  return (m?.[1] !== undefined ? parseSeverity(m[1]) : undefined) ?? 'DEFAULT';
}

const ERROR_WORDS = /\b(?:error|exception|traceback|fatal|panic|critical|failed|failure)\b/i;
const PROBLEM_WORDS =
  /\b(?:rejected|denied|forbidden|refused|unauthori[sz]ed|invalid|timed? ?out|timeout|unavailable|cannot|can't|unable)\b/i;

// An access-log line printed by the app server: `1.2.3.4:5 - "GET /x HTTP/1.1" 403`, `"WebSocket /ws" 403`.
const ACCESS_LINE = /"(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|WebSocket) (\S+)(?: HTTP\/[\d.]+)?" (\d{3})\b/;

export interface AccessLine {
  method: string;
  path: string;
  status: number;
}

export function parseAccessLine(message: string): AccessLine | undefined {
  const m = ACCESS_LINE.exec(message);
  if (m === null) return undefined;
  return { method: m[1] ?? '', path: m[2] ?? '', status: Number(m[3]) };
}

export function roleOf(record: LogRecord): RecordRole {
  const msg = record.message;
  if (record.http?.status !== undefined && record.exception === undefined) {
    return record.http.status >= 400 ? 'failed-request' : 'plain';
  }
  if (isExitLine(msg)) return 'exit';
  if (record.exception === undefined && isTracebackFragment(msg) && !EXCEPTION_LINE.test(msg.trim())) return 'fragment';
  const sev = SEVERITY_NUMBERS[effectiveSeverity(record)];
  if (record.exception !== undefined || sev >= SEVERITY_NUMBERS.ERROR) return 'anchor';
  if (sev === SEVERITY_NUMBERS.DEFAULT && (ERROR_WORDS.test(msg) || EXCEPTION_LINE.test(msg.trim()))) return 'anchor';
  if (sev >= SEVERITY_NUMBERS.WARNING) return 'problem';
  const access = parseAccessLine(msg);
  if (access !== undefined) return access.status >= 400 ? 'problem' : 'plain';
  if (sev <= SEVERITY_NUMBERS.INFO && PROBLEM_WORDS.test(msg)) return 'problem';
  return 'plain';
}

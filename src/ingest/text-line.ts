import { stableHash } from '../core/hash.js';
import type { LogRecord } from '../core/record.js';
import { parseSeverity } from '../core/severity.js';
import type { Severity } from '../core/severity.js';
import { parseTimestamp } from './time.js';
import type { ParsedTime } from './time.js';

// A plain-text log line becomes one record: the line verbatim as the message, a severity guessed
// from a level word, a timestamp parsed from a common leading format, and a deterministic insertId.

/** Leading timestamps: ISO / "YYYY-MM-DD HH:MM:SS[,.]fff" (optionally bracketed, with a zone). */
const LEADING_TIME =
  /^\s*\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,12})?)?(?:\s?(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)\]?/;

/** Level words: uppercase anywhere near the start, or lowercase inside [..], level=.., "level":"..". */
const LEVEL_UPPER = /(?:^|[\s[(<|:"'-])(EMERGENCY|EMERG|ALERT|CRITICAL|CRIT|FATAL|PANIC|SEVERE|ERROR|ERR|WARNING|WARN|NOTICE|INFO|DEBUG|TRACE)(?=$|[\s\])>|:"',-])/;
const LEVEL_TAGGED = /(?:\[|<|\b(?:level|lvl|severity|loglevel)\s*[=:]\s*"?)(emergency|alert|critical|crit|fatal|panic|error|err|warning|warn|notice|info|debug|trace)\b/i;
const LEVEL_PREFIX = /^\s*(error|warning|warn|fatal|critical|info|debug|notice)(?::|\s)/i;
/** Only the head of a line is searched, so words in the message text do not set the level. */
const LEVEL_WINDOW = 160;

export function guessLevel(line: string, afterTimestamp = 0): Severity {
  const head = line.slice(0, afterTimestamp + LEVEL_WINDOW);
  const m = LEVEL_TAGGED.exec(head) ?? LEVEL_UPPER.exec(head) ?? LEVEL_PREFIX.exec(line.slice(afterTimestamp));
  return (m?.[1] !== undefined ? parseSeverity(m[1]) : undefined) ?? 'DEFAULT';
}

export function leadingTimestamp(line: string): { time: ParsedTime; end: number } | undefined {
  const m = LEADING_TIME.exec(line);
  if (m?.[1] === undefined) return undefined;
  const time = parseTimestamp(m[1].replace(/\s(?=[Z+-]|UTC|GMT)/, ''));
  return time === undefined ? undefined : { time, end: m[0].length };
}

/** A record for one text line. Lines without a timestamp get timestamp "" / timeMs NaN (filled later). */
export function textLineRecord(input: string, line: number, text: string): LogRecord {
  const ts = leadingTimestamp(text);
  return {
    origin: { input, line },
    insertId: `text-${stableHash([input, String(line)])}`,
    timestamp: ts?.time.iso ?? '',
    timeMs: ts?.time.ms ?? Number.NaN,
    severity: guessLevel(text, ts?.end ?? 0),
    message: text,
    logKind: 'other',
    labels: {},
    raw: text,
  };
}

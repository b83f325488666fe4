import { stableHash } from '../core/hash.js';
import type { LogRecord, RecordOrigin } from '../core/record.js';
import { parseSeverity } from '../core/severity.js';
import type { Severity } from '../core/severity.js';
import { compact, isObject, obj, str, stringLabels } from './fields.js';
import type { JsonObject } from './fields.js';
import { readHttpRequest, requestLine } from './http-request.js';
import { payloadAsText, readJsonPayload, readSourceLocation } from './json-payload.js';
import type { JsonPayloadFields } from './json-payload.js';
import { logKindOf, projectOfLogName } from './log-kind.js';
import { auditMessage, readAudit } from './proto-payload.js';
import { parseStackTrace } from './stack/parse.js';
import { guessLevel } from './text-line.js';
import { parseTimestamp } from './time.js';

/**
 * Thrown by normalizeEntry for input that is not a LogEntry object (a number, string, array, null).
 * Sources catch it and count the entry as an input problem; it never stops a run.
 */
export class MalformedEntryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedEntryError';
  }
}

/**
 * Turns one Cloud Logging LogEntry (as gcloud or the REST API writes it) into a LogRecord.
 * Throws MalformedEntryError when `entry` is not an object. An entry without a usable timestamp
 * falls back to receiveTimestamp; without either, `timestamp` is "" and `timeMs` NaN, and the
 * source fills them in (see docs/inputs.md).
 */
export function normalizeEntry(entry: unknown, origin: RecordOrigin): LogRecord {
  if (!isObject(entry)) {
    throw new MalformedEntryError(`not a LogEntry object (${entry === null ? 'null' : Array.isArray(entry) ? 'array' : typeof entry})`);
  }
  const resource = obj(entry['resource']);
  const rl = obj(resource?.['labels']);
  const entryLabels = stringLabels(entry['labels']);
  const logName = str(entry['logName']);
  const json = obj(entry['jsonPayload']);
  const proto = obj(entry['protoPayload']);
  const jf: JsonPayloadFields | undefined = json ? readJsonPayload(json) : undefined;
  const http = readHttpRequest(entry['httpRequest']) ?? jf?.http;
  const audit = proto ? readAudit(proto) : undefined;

  const text = str(entry['textPayload']);
  let message: string;
  if (text !== undefined) message = text;
  else if (json !== undefined) message = jf?.message ?? (jf?.stack !== undefined ? firstLine(jf.stack) : payloadAsText(json));
  else if (proto !== undefined && audit !== undefined) message = auditMessage(audit, proto);
  else if (http !== undefined) message = requestLine(http);
  else message = '';

  const stackText = jf?.stack ?? (message.includes('\n') ? message : undefined);
  const exception = stackText !== undefined ? parseStackTrace(stackText) : undefined;

  const time = parseTimestamp(entry['timestamp']) ?? parseTimestamp(entry['receiveTimestamp']);
  const receive = parseTimestamp(entry['receiveTimestamp']);
  // Without an insertId, a hash of the entry's content: stable across runs, like the real ids.
  const insertId = str(entry['insertId']) ?? `sha-${stableHash([JSON.stringify(entry)])}`;

  const severity = severityOf(entry['severity'], jf?.severity);
  // A raw stderr line has no severity; the level word in its text is kept apart, as a hint.
  const textLevel = severity === 'DEFAULT' && text !== undefined ? guessLevel(text) : undefined;

  return compact({
    origin,
    insertId,
    timestamp: time?.iso ?? '',
    timeMs: time?.ms ?? Number.NaN,
    receiveTimeMs: receive?.ms,
    severity,
    levelInText: textLevel === 'DEFAULT' ? undefined : textLevel,
    message,
    logKind: logKindOf(logName),
    logName,
    project: str(rl?.['project_id']) ?? projectOfLogName(logName),
    resourceType: str(resource?.['type']),
    service: firstLabel(rl, ['service_name', 'job_name', 'function_name', 'module_id', 'container_name']) ?? jf?.service,
    revision: firstLabel(rl, ['revision_name', 'version_id']),
    configuration: str(rl?.['configuration_name']),
    location: firstLabel(rl, ['location', 'region', 'zone']),
    instanceId: entryLabels['instanceId'] ?? str(entry['instanceId']),
    trace: str(entry['trace']) ?? jf?.trace,
    spanId: str(entry['spanId']) ?? jf?.spanId,
    http,
    sourceLocation: readSourceLocation(entry['sourceLocation']) ?? jf?.sourceLocation,
    logger: jf?.logger,
    labels: { ...(jf?.labels ?? {}), ...entryLabels },
    errorGroups: errorGroupsOf(entry['errorGroups']),
    audit: audit !== undefined && Object.keys(audit).length > 0 ? audit : undefined,
    exception,
    stackText: exception !== undefined ? stackText : undefined,
    user: jf?.user,
    raw: entry,
  });
}

function severityOf(entrySeverity: unknown, payloadSeverity: unknown): Severity {
  // The entry's own severity wins; a jsonPayload "severity" the agent did not lift is the fallback.
  return parseSeverity(entrySeverity) ?? parseSeverity(payloadSeverity) ?? 'DEFAULT';
}

function firstLabel(rl: JsonObject | undefined, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const s = str(rl?.[k]);
    if (s !== undefined) return s;
  }
  return undefined;
}

function errorGroupsOf(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const ids = v.map((g) => (isObject(g) ? str(g['id']) : str(g))).filter((s): s is string => s !== undefined);
  return ids.length > 0 ? ids : undefined;
}

function firstLine(s: string): string {
  const nl = s.indexOf('\n');
  return nl < 0 ? s : s.slice(0, nl);
}

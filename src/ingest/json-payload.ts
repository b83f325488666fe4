import type { HttpInfo, SourceLocation } from '../core/record.js';
import { compact, firstStr, isObject, num, obj, str, stringLabels } from './fields.js';
import type { JsonObject } from './fields.js';
import { readHttpRequest } from './http-request.js';

// jsonPayload as written by structured loggers (Python logging/structlog, pino, winston, Error
// Reporting's ReportedErrorEvent shape, the logging agent's special fields).

export interface JsonPayloadFields {
  message?: string;
  stack?: string;
  logger?: string;
  user?: string;
  labels: Record<string, string>;
  sourceLocation?: SourceLocation;
  http?: HttpInfo;
  trace?: string;
  spanId?: string;
  severity?: unknown;
  service?: string;
}

const MESSAGE_KEYS = ['message', 'msg', 'log', 'event', 'text'] as const;
const STACK_KEYS = ['stack_trace', 'exc_info', 'traceback', 'stack', 'stacktrace', 'exception'] as const;
const USER_KEYS = ['user', 'user_id', 'userId', 'userid', 'uid'] as const;
const SOURCE_LOCATION = 'logging.googleapis.com/sourceLocation';

export function readJsonPayload(p: JsonObject): JsonPayloadFields {
  const context = obj(p['context']);
  const labels = obj(p['labels']);
  const serviceContext = obj(p['serviceContext']);
  const error = p['error'] ?? p['err'];
  const errorObj = obj(error);

  const message = firstStr(p, MESSAGE_KEYS) ?? str(error) ?? firstStr(errorObj, ['message', 'msg']);
  const stack = firstStackText(p) ?? firstStackText(errorObj);
  const logger = firstStr(p, ['logger', 'logger_name', 'loggerName', 'name']) ?? str(context?.['name']) ?? str(labels?.['module']);
  const reportLocation = obj(context?.['reportLocation']);

  return compact({
    message,
    stack,
    logger,
    user: firstStr(p, USER_KEYS) ?? str(context?.['user']),
    labels: {
      ...stringLabels(p['logging.googleapis.com/labels']),
      ...stringLabels(labels),
      ...stringLabels(serviceContext, 'serviceContext.'),
    },
    sourceLocation: readSourceLocation(p[SOURCE_LOCATION]) ?? reportLocationOf(reportLocation),
    http: readHttpRequest(context?.['httpRequest']) ?? readHttpRequest(p['httpRequest']),
    trace: str(p['logging.googleapis.com/trace']),
    spanId: str(p['logging.googleapis.com/spanId']),
    severity: p['severity'],
    service: str(serviceContext?.['service']),
  });
}

function firstStackText(o: JsonObject | undefined): string | undefined {
  if (o === undefined) return undefined;
  for (const k of STACK_KEYS) {
    const v = o[k];
    if (typeof v === 'string' && v.includes('\n')) return v;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(v.some((x) => x.endsWith('\n')) ? '' : '\n');
  }
  return undefined;
}

/** LogEntrySourceLocation ({file, line (int64 string), function}). */
export function readSourceLocation(v: unknown): SourceLocation | undefined {
  if (!isObject(v)) return undefined;
  const loc = compact({ file: str(v['file']), line: num(v['line']), function: str(v['function']) });
  return Object.keys(loc).length > 0 ? loc : undefined;
}

function reportLocationOf(v: JsonObject | undefined): SourceLocation | undefined {
  if (v === undefined) return undefined;
  const loc = compact({ file: str(v['filePath']), line: num(v['lineNumber']), function: str(v['functionName']) });
  return Object.keys(loc).length > 0 ? loc : undefined;
}

/** A payload with no message field: its remaining fields as compact JSON, keys sorted (stable). */
export function payloadAsText(p: JsonObject): string {
  return JSON.stringify(sortKeys(p));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
  return out;
}

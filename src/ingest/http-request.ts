import type { HttpInfo } from '../core/record.js';
import { compact, isObject, num, str } from './fields.js';
import { parseDurationMs } from './time.js';

// LogEntry.httpRequest (HttpRequest proto in JSON): int64 sizes arrive as strings, latency as a
// Duration string. Returns undefined when the entry has no request fields at all.
export function readHttpRequest(v: unknown): HttpInfo | undefined {
  if (!isObject(v)) return undefined;
  const info: HttpInfo = compact({
    method: str(v['requestMethod']),
    url: str(v['requestUrl']),
    status: num(v['status']),
    latencyMs: parseDurationMs(v['latency']),
    userAgent: str(v['userAgent']),
    remoteIp: str(v['remoteIp']),
    requestSize: num(v['requestSize']),
    responseSize: num(v['responseSize']),
    protocol: str(v['protocol']),
  });
  return Object.keys(info).length > 0 ? info : undefined;
}

/** "GET /path 503": the message of a request log that has no payload (path without host or query). */
export function requestLine(http: HttpInfo): string {
  return [http.method ?? '-', pathOf(http.url), http.status === undefined ? '-' : String(http.status)].join(' ');
}

function pathOf(url: string | undefined): string {
  if (url === undefined) return '-';
  const noQuery = url.split(/[?#]/, 1)[0] ?? url;
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(noQuery);
  if (m !== null) return m[1] ?? '/';
  return noQuery === '' ? '/' : noQuery;
}

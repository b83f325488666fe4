import type { ParsedException } from '../core/record.js';
import type { IncidentView } from './view.js';

// Deterministic human titles, built from the incident's own measured parts. The same incident
// gets the same title in every run, so titles are readable but never used as identity.

const MAX_TITLE = 100;

export function titleOf(v: IncidentView): string {
  const t = crashTitle(v) ?? requestTitle(v) ?? exceptionTitle(v) ?? templateTitle(v);
  return clip(t, MAX_TITLE);
}

function crashTitle(v: IncidentView): string | undefined {
  const f = v.figures;
  if (f.exits === 0) return undefined;
  const cause = v.exception !== undefined ? exceptionSummary(v.exception) : firstAnchorText(v);
  if (cause === undefined) return undefined;
  const codes = [...f.exitCodes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c);
  const exit = codes.length > 0 ? ` (exit ${codes.slice(0, 2).join('/')})` : '';
  const kind = f.exits >= 2 ? (v.startUp === true ? 'Start-up crash loop' : 'Crash loop') : v.startUp === true ? 'Start-up crash' : 'Crash';
  return `${kind}: ${cause}${exit}`;
}

function requestTitle(v: IncidentView): string | undefined {
  const top = v.requests[0];
  if (top === undefined) return undefined;
  const texts = v.templates.map((t) => t.text).join('\n');
  const ws = top.route.endsWith('/ws') || /websocket/i.test(texts);
  const label = ws ? 'WebSocket' : `${top.method} ${top.route}`;
  if (top.status === 401 || top.status === 403) {
    if (/\bJWT\b/i.test(texts) || /\btoken\b/i.test(texts)) {
      const what = /\bJWT\b/i.test(texts) ? 'JWT' : 'token';
      const between = /between services|service id mismatch/i.test(texts) ? ' between services' : '';
      return `${label} ${top.status}: ${what} validation rejected${between}`;
    }
  }
  const cause = v.exception !== undefined ? `: ${exceptionSummary(v.exception)}` : '';
  return ws ? `WebSocket ${top.route} → ${top.status}${cause}` : `${label} → ${top.status}${cause}`;
}

function exceptionTitle(v: IncidentView): string | undefined {
  return v.exception !== undefined ? exceptionSummary(v.exception) : undefined;
}

function templateTitle(v: IncidentView): string {
  return firstAnchorText(v) ?? v.templates[0]?.text ?? 'unknown';
}

function firstAnchorText(v: IncidentView): string | undefined {
  const t = v.templates[0]?.text.split('\n')[0];
  return t === undefined ? undefined : readable(t);
}

/**
 * A template without the line prefix the logging library printed: leading variables, a bracketed
 * timestamp/pid/level, "2025-… - module - ERROR - ". What is left is what the line says.
 */
export function readable(template: string): string {
  let t = template.trim();
  for (let i = 0; i < 8; i++) {
    const before = t;
    t = t
      .replace(/^(?:<\*>\s*)+(?:-\s+)?/, '')
      .replace(/^\[[^\]]*\]\s*/, '')
      .replace(/^\|\s*/, '')
      // syslog: "host sshd[<*>]: message"
      .replace(/^[\w.-]+ [\w./-]+\[(?:<\*>|\d+)\]:\s*/, '')
      .replace(/^(?:DEBUG|INFO|WARNING|ERROR|CRITICAL):[\w.]+:/, '')
      // loguru: "| ERROR | module:function:<*> | message"
      .replace(/^(?:DEBUG|INFO|NOTICE|WARNING|ERROR|CRITICAL|SUCCESS|TRACE)\s*\|\s*[\w.:<>*-]+\s*\|\s*/, '')
      .replace(/^(?:DEBUG|INFO|NOTICE|WARN(?:ING)?|ERROR|CRITICAL|FATAL)(?:\s*[:\-|]\s*|\s+)/, '')
      .replace(/^(?:[\w.-]+\s+-\s+){1,3}(?=(?:DEBUG|INFO|NOTICE|WARN(?:ING)?|ERROR|CRITICAL|FATAL)\b)/, '');
    if (t === before) break;
  }
  t = t.replace(/<\/?(?:red|yellow|white|green|blue|cyan|magenta|black|bold|dim|underline|normal|level)>/g, '').trim();
  return t === '' ? template.trim() : t;
}

/** "ModuleNotFoundError app.services.monitoring", "KeyError in app/handlers:get_user". */
export function exceptionSummary(ex: ParsedException): string {
  const type = ex.type.split('.').pop() ?? ex.type;
  const msg = ex.message.split('\n')[0] ?? '';
  const mod = /No module named '([^']+)'/.exec(msg) ?? /cannot import name '([^']+)'/.exec(msg) ?? /Cannot find module '([^']+)'/.exec(msg);
  if (mod?.[1] !== undefined) return `${type} ${mod[1]}`;
  const frame = [...(ex.language === 'python' || ex.language === 'go' ? [...ex.frames].reverse() : ex.frames)].find((f) => f.inApp);
  const where = frame?.function !== undefined ? ` in ${frame.function}` : '';
  const short = msg.length > 0 && msg.length <= 60 ? `: ${msg}` : '';
  return `${type}${short}${where}`;
}

function clip(s: string, n: number): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > n ? `${line.slice(0, n - 1)}…` : line;
}

import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

// A fake of the Cloud Logging v2 REST API, enough of it to test readers end to end: the real gcloud
// CLI talks to it too (CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING). It serves POST /v2/entries:list
// on 127.0.0.1 (random port) with opaque page tokens, evaluates the subset of the Logging query
// language that log-gardener emits (with the language's precedence: NOT, then OR, then AND), checks
// the bearer token, answers errors in Google's JSON shape, injects failures on demand, and records
// every request so tests can assert pacing.
//
// Fidelity notes (from the public API reference): pageSize defaults to 50 and is rejected above
// 1000 or below 0; orderBy is "timestamp asc" (default) or "timestamp desc", ties broken by
// insertId; a page may hold fewer entries than asked, even none, and still carry nextPageToken.

export type Entry = Record<string, unknown>;

export interface Clockish {
  now(): Date;
}

export interface FailureRule {
  status: 400 | 401 | 403 | 429 | 500 | 503;
  /** Fire on this page of a listing (1 = the request without pageToken). */
  onPage?: number;
  /** Fire on the n-th request the server receives (1-based). */
  onRequest?: number;
  /** How many times the rule fires (default 1; Infinity for always). */
  times?: number;
  /** Sent as the Retry-After header. */
  retryAfter?: string;
  message?: string;
}

export interface RecordedRequest {
  atMs: number;
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  status: number;
  /** Entries returned (0 for errors and empty pages). */
  returned: number;
}

export interface FakeLoggingOptions {
  entries?: Entry[];
  /** Accepted bearer token (default "fake-token"). */
  token?: string;
  clock?: Clockish;
  /** Serve at most this many entries per page, whatever pageSize asks (the real API may return fewer). */
  maxPageSize?: number;
  /** Page numbers (1-based) answered with no entries but a nextPageToken. */
  emptyPages?: number[];
  failures?: FailureRule[];
  /** Server-side quota: 429 when more requests than this arrive in a rolling minute (server clock). */
  quotaPerMinute?: number;
}

export interface FakeLoggingServer {
  /** Base URL with a trailing slash, as for CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING. */
  url: string;
  token: string;
  requests: RecordedRequest[];
  addEntries(entries: Entry[]): void;
  fail(rule: FailureRule): void;
  close(): Promise<void>;
}

export async function startFakeLoggingServer(options: FakeLoggingOptions = {}): Promise<FakeLoggingServer> {
  const entries: Entry[] = [...(options.entries ?? [])];
  const token = options.token ?? 'fake-token';
  const clock = options.clock ?? { now: () => new Date() };
  const failures: FailureRule[] = (options.failures ?? []).map((f) => ({ ...f }));
  const emptyPages = new Set(options.emptyPages ?? []);
  const requests: RecordedRequest[] = [];
  const results = new Map<string, Entry[]>();

  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => handle(req, res, raw))
      .catch((err: unknown) => sendError(res, 500, 'INTERNAL', `fake server error: ${String(err)}`));
  });

  function record(req: IncomingMessage, body: unknown, status: number, returned: number): void {
    requests.push({ atMs: clock.now().getTime(), method: req.method ?? '', path: req.url ?? '', headers: { ...req.headers }, body, status, returned });
  }

  function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const path = (req.url ?? '').split('?')[0];
    let body: unknown;
    try {
      body = raw === '' ? {} : JSON.parse(raw);
    } catch {
      record(req, raw, 400, 0);
      return sendError(res, 400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
    }
    const reply = (status: number, statusName: string, message: string, extra?: { details?: unknown[]; headers?: Record<string, string> }) => {
      record(req, body, status, 0);
      sendError(res, status, statusName, message, extra);
    };
    if (req.method !== 'POST' || path !== '/v2/entries:list') {
      return reply(404, 'NOT_FOUND', `The requested URL ${path} was not found on this server.`);
    }
    const auth = req.headers.authorization;
    if (auth === undefined) {
      return reply(401, 'UNAUTHENTICATED', 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.', { headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' } });
    }
    if (auth !== `Bearer ${token}`) {
      return reply(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.', { headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' } });
    }
    const q = (body ?? {}) as { resourceNames?: unknown; filter?: unknown; orderBy?: unknown; pageSize?: unknown; pageToken?: unknown };
    const resourceNames = Array.isArray(q.resourceNames) ? q.resourceNames.map(String) : [];
    const filterText = typeof q.filter === 'string' ? q.filter : '';
    const orderBy = typeof q.orderBy === 'string' && q.orderBy !== '' ? q.orderBy.trim().toLowerCase().replace(/\s+/g, ' ') : 'timestamp asc';
    const pageSize = q.pageSize === undefined || q.pageSize === 0 ? 50 : Number(q.pageSize);
    const signature = hash([JSON.stringify(resourceNames), filterText, orderBy]);
    let position = { offset: 0, page: 1 };
    if (typeof q.pageToken === 'string' && q.pageToken !== '') {
      const decoded = decodeToken(q.pageToken, signature);
      if (decoded === undefined) return reply(400, 'INVALID_ARGUMENT', 'page_token doesn\'t match arguments from the request');
      position = decoded;
    }

    // Injected failures, then the server's own quota.
    const requestNo = requests.length + 1;
    const rule = failures.find((f) => (f.times ?? 1) > 0 && (f.onRequest === requestNo || f.onPage === position.page));
    if (rule !== undefined) {
      rule.times = (rule.times ?? 1) - 1;
      const headers: Record<string, string> = rule.retryAfter !== undefined ? { 'retry-after': rule.retryAfter } : {};
      const [statusName, message, details] = injectedError(rule, resourceNames[0] ?? 'projects/unknown');
      return reply(rule.status, statusName, message, { headers, ...(details ? { details } : {}) });
    }
    if (options.quotaPerMinute !== undefined) {
      const now = clock.now().getTime();
      const recent = requests.filter((r) => r.atMs > now - 60_000).length;
      if (recent >= options.quotaPerMinute) {
        const [statusName, message, details] = injectedError({ status: 429 }, resourceNames[0] ?? 'projects/unknown');
        return reply(429, statusName, message, { ...(details ? { details } : {}) });
      }
    }

    if (resourceNames.length === 0) return reply(400, 'INVALID_ARGUMENT', 'resource_names: must specify at least one resource name');
    for (const n of resourceNames) {
      if (!/^(projects|organizations|folders|billingAccounts)\/[^/]+/.test(n)) return reply(400, 'INVALID_ARGUMENT', `Invalid resource name: ${n}`);
    }
    if (orderBy !== 'timestamp asc' && orderBy !== 'timestamp desc') {
      return reply(400, 'INVALID_ARGUMENT', `Invalid order_by: "${String(q.orderBy)}". Only "timestamp asc" and "timestamp desc" are supported.`);
    }
    if (!Number.isInteger(pageSize) || pageSize < 0 || pageSize > 1000) {
      return reply(400, 'INVALID_ARGUMENT', `page_size must be between 0 and 1000, got ${String(q.pageSize)}`);
    }
    let predicate: (e: Entry) => boolean;
    try {
      predicate = compileFilter(filterText);
    } catch (err) {
      return reply(400, 'INVALID_ARGUMENT', err instanceof FilterSyntaxError ? `Unparseable filter: ${err.message}` : String(err));
    }

    // The result of a query is computed once and kept until addEntries(), so paging through a
    // large result costs one scan, not one per page. (Tests must not mutate entries once served.)
    let matching = results.get(signature);
    if (matching === undefined) {
      const prefixes = resourceNames.map((n) => `${n}/logs/`);
      matching = entries
        .filter((e) => prefixes.some((p) => String(e.logName ?? '').startsWith(p)) && predicate(e))
        .sort(orderBy === 'timestamp asc' ? compareEntries : (a, b) => compareEntries(b, a));
      results.set(signature, matching);
    }

    if (emptyPages.has(position.page)) {
      const next = encodeToken({ offset: position.offset, page: position.page + 1 }, signature);
      record(req, body, 200, 0);
      return sendJson(res, 200, position.offset < matching.length ? { nextPageToken: next } : {});
    }
    const take = Math.min(pageSize, options.maxPageSize ?? Infinity);
    const slice = matching.slice(position.offset, position.offset + take);
    const nextOffset = position.offset + slice.length;
    const payload: Record<string, unknown> = {};
    if (slice.length > 0) payload.entries = slice; // the API omits empty repeated fields
    if (nextOffset < matching.length) payload.nextPageToken = encodeToken({ offset: nextOffset, page: position.page + 1 }, signature);
    record(req, body, 200, slice.length);
    sendJson(res, 200, payload);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    requests,
    addEntries: (more) => {
      entries.push(...more);
      results.clear();
    },
    fail: (rule) => void failures.push({ ...rule }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function injectedError(rule: FailureRule, resource: string): [string, string, unknown[] | undefined] {
  switch (rule.status) {
    case 400:
      return ['INVALID_ARGUMENT', rule.message ?? 'Unparseable filter: syntax error at line 1, column 1, token \'(\'', undefined];
    case 401:
      return ['UNAUTHENTICATED', rule.message ?? 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.', undefined];
    case 403:
      return ['PERMISSION_DENIED', rule.message ?? `Permission 'logging.logEntries.list' denied on resource (or it may not exist). [${resource}]`, undefined];
    case 429:
      return [
        'RESOURCE_EXHAUSTED',
        rule.message ?? "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service 'logging.googleapis.com' for consumer 'project_number:000000000000'.",
        [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'RATE_LIMIT_EXCEEDED', domain: 'googleapis.com', metadata: { service: 'logging.googleapis.com', quota_metric: 'logging.googleapis.com/read_requests', quota_limit: 'ReadRequestsPerMinutePerProject' } }],
      ];
    case 500:
      return ['INTERNAL', rule.message ?? 'Internal error encountered.', undefined];
    case 503:
      return ['UNAVAILABLE', rule.message ?? 'The service is currently unavailable.', undefined];
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, code: number, status: string, message: string, extra?: { details?: unknown[]; headers?: Record<string, string> }): void {
  sendJson(res, code, { error: { code, message, status, ...(extra?.details ? { details: extra.details } : {}) } }, extra?.headers ?? {});
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const hash = (parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16);

// Page tokens are opaque to clients: base64url of the position plus a signature of the query, so
// a token replayed with another filter is refused as the real API refuses it.
function encodeToken(pos: { offset: number; page: number }, signature: string): string {
  return Buffer.from(JSON.stringify({ o: pos.offset, p: pos.page, s: signature })).toString('base64url');
}

function decodeToken(token: string, signature: string): { offset: number; page: number } | undefined {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; p?: unknown; s?: unknown };
    if (v.s !== signature || typeof v.o !== 'number' || typeof v.p !== 'number') return undefined;
    return { offset: v.o, page: v.p };
  } catch {
    return undefined;
  }
}

const sortKeys = new WeakMap<Entry, string>();
function sortKey(e: Entry): string {
  let k = sortKeys.get(e);
  if (k === undefined) {
    k = canonicalTime(String(e.timestamp ?? '')) ?? '';
    sortKeys.set(e, k);
  }
  return k;
}

function compareEntries(a: Entry, b: Entry): number {
  const ta = sortKey(a);
  const tb = sortKey(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  const ia = String(a.insertId ?? '');
  const ib = String(b.insertId ?? '');
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/** RFC 3339 to a fixed-width UTC string with nanoseconds, so comparisons are exact and lexical. */
export function canonicalTime(text: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|z|[+-]\d{2}:\d{2})?$/.exec(text.trim());
  if (m === null) return undefined;
  const [, date, hms, frac = '', zone = 'Z'] = m;
  const ms = Date.parse(`${date}T${hms !== undefined && hms.length === 5 ? `${hms}:00` : hms}${zone.toUpperCase()}`);
  if (Number.isNaN(ms)) return undefined;
  const iso = new Date(ms).toISOString().slice(0, 19);
  return `${iso}.${frac.slice(1).padEnd(9, '0').slice(0, 9)}Z`;
}

// ---- The Logging query language subset -------------------------------------------------------

export class FilterSyntaxError extends Error {}

type Token = { kind: 'lparen' | 'rparen' | 'op' | 'string' | 'word'; text: string; col: number };

const SEVERITY_RANK: Record<string, number> = {
  DEFAULT: 0, DEBUG: 100, INFO: 200, NOTICE: 300, WARNING: 400, ERROR: 500, CRITICAL: 600, ALERT: 700, EMERGENCY: 800,
};

const LOG_ENTRY_FIELDS = new Set([
  'logName', 'resource', 'protoPayload', 'textPayload', 'jsonPayload', 'timestamp', 'receiveTimestamp', 'severity',
  'insertId', 'httpRequest', 'labels', 'operation', 'trace', 'spanId', 'traceSampled', 'sourceLocation', 'split',
  'errorGroups', 'apphub', 'apphubDestination', 'apphubSource',
]);

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(') { out.push({ kind: 'lparen', text: c, col: i + 1 }); i++; continue; }
    if (c === ')') { out.push({ kind: 'rparen', text: c, col: i + 1 }); i++; continue; }
    if (c === '"') {
      let s = '';
      let j = i + 1;
      for (; j < text.length && text.charAt(j) !== '"'; j++) {
        if (text.charAt(j) === '\\' && j + 1 < text.length) j++;
        s += text.charAt(j);
      }
      if (j >= text.length) throw new FilterSyntaxError(`syntax error at line 1, column ${i + 1}, token '"': unterminated string`);
      out.push({ kind: 'string', text: s, col: i + 1 });
      i = j + 1;
      continue;
    }
    const op = /^(>=|<=|!=|=~|!~|=|<|>|:)/.exec(text.slice(i));
    if (op) { out.push({ kind: 'op', text: op[1] ?? '', col: i + 1 }); i += (op[1] ?? '').length; continue; }
    const word = /^[^\s()"=<>!:~]+/.exec(text.slice(i));
    if (!word) throw new FilterSyntaxError(`syntax error at line 1, column ${i + 1}, token '${c}'`);
    out.push({ kind: 'word', text: word[0], col: i + 1 });
    i += word[0].length;
  }
  return out;
}

type Pred = (e: Entry) => boolean;

/** Compiles a filter into a predicate; throws FilterSyntaxError like the API's 400. */
export function compileFilter(text: string): Pred {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const isKeyword = (t: Token | undefined, k: string) => t?.kind === 'word' && t.text === k;
  const fail = (t: Token | undefined): never => {
    throw new FilterSyntaxError(t ? `syntax error at line 1, column ${t.col}, token '${t.text}'` : 'syntax error at end of input');
  };

  // AND (explicit or by juxtaposition) binds loosest; then OR; NOT tightest.
  function conjunction(): Pred {
    const parts = [disjunction()];
    for (;;) {
      const t = peek();
      if (t === undefined || t.kind === 'rparen') break;
      if (isKeyword(t, 'AND')) pos++;
      parts.push(disjunction());
    }
    return parts.length === 1 ? (parts[0] as Pred) : (e) => parts.every((p) => p(e));
  }
  function disjunction(): Pred {
    const parts = [unary()];
    while (isKeyword(peek(), 'OR')) {
      pos++;
      parts.push(unary());
    }
    return parts.length === 1 ? (parts[0] as Pred) : (e) => parts.some((p) => p(e));
  }
  function unary(): Pred {
    const t = peek();
    if (isKeyword(t, 'NOT')) {
      pos++;
      const inner = unary();
      return (e) => !inner(e);
    }
    if (t?.kind === 'word' && t.text.startsWith('-') && t.text.length > 1) {
      // "-field = x" is NOT; strip the sign and parse the rest as a primary.
      tokens[pos] = { ...t, text: t.text.slice(1), col: t.col + 1 };
      const inner = primary();
      return (e) => !inner(e);
    }
    return primary();
  }
  function primary(): Pred {
    const t = peek();
    if (t === undefined) return fail(t);
    if (t.kind === 'lparen') {
      pos++;
      const inner = conjunction();
      if (peek()?.kind !== 'rparen') fail(peek());
      pos++;
      return inner;
    }
    if (t.kind === 'string' || (t.kind === 'word' && !['AND', 'OR', 'NOT'].includes(t.text))) {
      pos++;
      const op = peek();
      if (t.kind === 'word' && op?.kind === 'op') {
        pos++;
        const v = peek();
        if (v === undefined || (v.kind !== 'string' && v.kind !== 'word')) return fail(v);
        pos++;
        return comparison(t.text, op.text, v.text, t);
      }
      // A bare value is a global search over the whole entry.
      const needle = t.text.toLowerCase();
      return (e) => leafValues(e).some((v) => v.toLowerCase().includes(needle));
    }
    return fail(t);
  }

  const pred = tokens.length === 0 ? () => true : conjunction();
  if (pos < tokens.length) fail(tokens[pos]);
  return pred;
}

function comparison(field: string, op: string, value: string, at: Token): Pred {
  const path = field.split('.');
  const top = path[0] ?? '';
  if (!LOG_ENTRY_FIELDS.has(top)) throw new FilterSyntaxError(`field not found: '${field}' at line 1, column ${at.col}`);
  if (op === '=~' || op === '!~') {
    const re = new RegExp(value);
    return (e) => {
      const v = lookup(e, path);
      return v !== undefined && re.test(String(v)) === (op === '=~');
    };
  }
  if (field === 'severity') {
    const want = SEVERITY_RANK[value.toUpperCase()] ?? (/^\d+$/.test(value) ? Number(value) : undefined);
    if (want === undefined) throw new FilterSyntaxError(`invalid severity '${value}' at line 1, column ${at.col}`);
    return (e) => compare(SEVERITY_RANK[String(e.severity ?? 'DEFAULT').toUpperCase()] ?? 0, op, want);
  }
  if (field === 'timestamp' || field === 'receiveTimestamp') {
    const want = canonicalTime(value);
    if (want === undefined) throw new FilterSyntaxError(`invalid timestamp '${value}' at line 1, column ${at.col}`);
    return (e) => {
      const have = field === 'timestamp' ? sortKey(e) : canonicalTime(String(lookup(e, path) ?? ''));
      return have !== undefined && compare(have, op, want);
    };
  }
  return (e) => {
    const have = lookup(e, path);
    if (have === undefined || have === null) return false;
    if (op === ':') return leafValues(have).some((v) => v.toLowerCase().includes(value.toLowerCase()));
    if (typeof have === 'number' && /^-?\d+(\.\d+)?$/.test(value)) return compare(have, op, Number(value));
    return compare(String(have), op, value);
  };
}

function compare<T extends string | number>(have: T, op: string, want: T): boolean {
  switch (op) {
    case '=': case ':': return have === want;
    case '!=': return have !== want;
    case '<': return have < want;
    case '<=': return have <= want;
    case '>': return have > want;
    case '>=': return have >= want;
    default: return false;
  }
}

/** Every scalar value inside a value (not the keys), as text: what a search matches against. */
function leafValues(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (typeof v !== 'object') return [String(v)];
  return Object.values(v as Record<string, unknown>).flatMap(leafValues);
}

function lookup(e: unknown, path: string[]): unknown {
  let cur: unknown = e;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

// ---- Test data -------------------------------------------------------------------------------

export interface EntryGenOptions {
  project?: string;
  service?: string;
  /** ISO start; entries are spaced `stepMs` apart. */
  start: string;
  stepMs?: number;
  /** Cycled through; undefined means no severity (a raw stderr line). */
  severities?: (string | undefined)[];
  idPrefix?: string;
}

/** Deterministic Cloud Run-shaped LogEntry objects, as the API returns them. */
/**
 * The environment that points the real gcloud CLI at `server`, with its configuration and access
 * token under `dir` (the token file is written here), and nothing that phones home: no usage
 * reporting, no update check, no survey, no metadata-server probe.
 */
export function gcloudEnv(server: FakeLoggingServer, dir: string): Record<string, string> {
  writeFileSync(join(dir, 'token'), `${server.token}\n`);
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    CLOUDSDK_CONFIG: join(dir, 'gcloud-config'),
    CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING: server.url,
    CLOUDSDK_AUTH_ACCESS_TOKEN_FILE: join(dir, 'token'),
    CLOUDSDK_CORE_DISABLE_PROMPTS: '1',
    CLOUDSDK_CORE_DISABLE_USAGE_REPORTING: 'true',
    CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: 'true',
    CLOUDSDK_SURVEY_DISABLE_PROMPTS: 'true',
    CLOUDSDK_CORE_CHECK_GCE_METADATA: 'false',
  };
}

export function makeEntries(count: number, o: EntryGenOptions): Entry[] {
  const project = o.project ?? 'demo-project';
  const service = o.service ?? 'checkout';
  const step = o.stepMs ?? 1000;
  const sevs = o.severities ?? ['ERROR'];
  const startMs = Date.parse(o.start);
  const out: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const severity = sevs[i % sevs.length];
    const t = new Date(startMs + i * step).toISOString();
    const log = severity === undefined ? 'run.googleapis.com%2Fstderr' : 'run.googleapis.com%2Fstdout';
    out.push({
      insertId: `${o.idPrefix ?? 'e'}${String(i).padStart(6, '0')}`,
      ...(severity === undefined ? { textPayload: `Traceback line ${i}` } : { jsonPayload: { message: `request ${i} failed`, n: i }, severity }),
      resource: { type: 'cloud_run_revision', labels: { project_id: project, service_name: service, revision_name: `${service}-00001-abc`, location: 'us-central1', configuration_name: service } },
      timestamp: t,
      receiveTimestamp: new Date(startMs + i * step + 150).toISOString(),
      logName: `projects/${project}/logs/${log}`,
      labels: { instanceId: '00a1b2c3' },
    });
  }
  return out;
}

/** A clock and a sleep that only move when slept on: pacing and backoff tests run instantly. */
export function fakeTime(startIso: string): { now(): Date; sleep(ms: number): Promise<void>; advance(ms: number): void; slept: number[] } {
  let t = Date.parse(startIso);
  const slept: number[] = [];
  return {
    now: () => new Date(t),
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
    slept,
  };
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalTime, compileFilter, makeEntries, startFakeLoggingServer } from './logging-server.js';
import type { FakeLoggingServer } from './logging-server.js';

// The fake must behave like the Logging API where our readers depend on it; these tests pin that.

async function list(server: FakeLoggingServer, body: Record<string, unknown>, token = server.token) {
  const res = await fetch(`${server.url}v2/entries:list`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ resourceNames: ['projects/demo-project'], ...body }),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

test('query language precedence: NOT, then OR, then AND (also by juxtaposition)', () => {
  const e = (text: string) => ({ textPayload: text });
  // The documented example: "a" OR NOT "b" AND NOT "c" OR "d"  ==  ("a" OR (NOT "b")) AND ((NOT "c") OR "d")
  const f = compileFilter('"a" OR NOT "b" AND NOT "c" OR "d"');
  const g = (s: string) => (s.includes('a') || !s.includes('b')) && (!s.includes('c') || s.includes('d'));
  for (const s of ['', 'a', 'b', 'c', 'd', 'ab', 'bc', 'ac', 'bd', 'abc', 'bcd', 'abcd', 'cd']) assert.equal(f(e(s)), g(s), s);
  const implicit = compileFilter('textPayload:"x" textPayload:"y" OR textPayload:"z"');
  assert.equal(implicit(e('x z')), true);
  assert.equal(implicit(e('y z')), false);
  assert.equal(compileFilter('-textPayload:"x"')(e('x')), false);
});

test('severity, timestamp and label comparisons', () => {
  const [err, plain] = [makeEntries(1, { start: '2025-09-07T13:00:00Z' })[0] ?? {}, makeEntries(1, { start: '2025-09-07T13:00:00Z', severities: [undefined] })[0] ?? {}];
  assert.equal(compileFilter('severity >= WARNING')(err), true);
  assert.equal(compileFilter('severity >= WARNING')(plain), false);
  assert.equal(compileFilter('severity = DEFAULT')(plain), true, 'no severity is DEFAULT');
  assert.equal(compileFilter('severity < 500')(err), false);
  assert.equal(compileFilter('timestamp >= "2025-09-07T06:00:00-07:00"')(err), true);
  assert.equal(compileFilter('timestamp > "2025-09-07T13:00:00.000000001Z"')(err), false, 'nanosecond-exact');
  assert.equal(compileFilter('resource.labels.service_name = "checkout" AND resource.type = "cloud_run_revision"')(err), true);
  assert.equal(compileFilter('logName = "projects/demo-project/logs/run.googleapis.com%2Fstderr"')(plain), true);
  assert.equal(compileFilter('jsonPayload.n = 0')(err), true);
  assert.throws(() => compileFilter('severity >= ('), /syntax error/);
  assert.throws(() => compileFilter('nosuchfield = 1'), /field not found/);
  assert.equal(canonicalTime('2025-09-07T13:00:00.5+01:00'), '2025-09-07T12:00:00.500000000Z');
});

test('paging with opaque tokens, default page size 50, limits and ordering like the API', async () => {
  const server = await startFakeLoggingServer({ entries: makeEntries(120, { start: '2025-09-07T13:00:00Z' }) });
  try {
    const first = await list(server, {});
    assert.equal((first.json.entries as unknown[]).length, 50, 'pageSize defaults to 50');
    assert.equal(typeof first.json.nextPageToken, 'string');
    const second = await list(server, { pageToken: first.json.nextPageToken });
    assert.equal((second.json.entries as { insertId: string }[])[0]?.insertId, 'e000050');
    const replayed = await list(server, { pageToken: first.json.nextPageToken, filter: 'severity >= ERROR' });
    assert.equal(replayed.status, 400, 'a token is bound to its query');
    assert.equal((await list(server, { pageSize: 1001 })).status, 400);
    const desc = await list(server, { orderBy: 'timestamp desc', pageSize: 2 });
    assert.deepEqual((desc.json.entries as { insertId: string }[]).map((x) => x.insertId), ['e000119', 'e000118']);
    const last = await list(server, { filter: 'timestamp >= "2025-09-07T13:01:59Z"', pageSize: 10 });
    assert.equal(last.json.nextPageToken, undefined, 'no token on the last page');
    const none = await list(server, { filter: 'severity = DEBUG' });
    assert.deepEqual(none.json, {}, 'an empty result has neither entries nor token');
    assert.equal((await list(server, {}, undefined)).status, 200);
  } finally {
    await server.close();
  }
});

test('errors in Google\'s shape: 401 without the right token, injected 429 with Retry-After, records every request', async () => {
  const server = await startFakeLoggingServer({ entries: makeEntries(3, { start: '2025-09-07T13:00:00Z' }), failures: [{ status: 429, onRequest: 2, retryAfter: '12' }] });
  try {
    const unauth = await list(server, {}, 'wrong');
    assert.equal(unauth.status, 401);
    assert.deepEqual(Object.keys(unauth.json.error as object).sort(), ['code', 'message', 'status']);
    assert.equal((unauth.json.error as { status: string }).status, 'UNAUTHENTICATED');
    assert.match(unauth.headers.get('www-authenticate') ?? '', /^Bearer/);
    const limited = await list(server, {});
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '12');
    assert.equal((limited.json.error as { status: string }).status, 'RESOURCE_EXHAUSTED');
    assert.equal((await list(server, {})).status, 200, 'a rule fires once by default');
    assert.deepEqual(server.requests.map((r) => r.status), [401, 429, 200]);
    const bad = await list(server, { filter: '(severity' });
    assert.equal(bad.status, 400);
    assert.match((bad.json.error as { message: string }).message, /^Unparseable filter: /);
  } finally {
    await server.close();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GardenerError } from '../../core/errors.js';
import type { AccessTokenProvider } from './auth.js';
import { seededRandom } from './pacing.js';
import type { ReadProgress } from './progress.js';
import { readCloudLogging } from './rest-reader.js';
import type { CloudLoggingReadOptions } from './rest-reader.js';
import { fakeTime, makeEntries, startFakeLoggingServer } from '../../../test/fakes/logging-server.js';
import type { FakeLoggingOptions, FakeLoggingServer } from '../../../test/fakes/logging-server.js';

const START = '2025-09-07T13:00:00Z';
const FILTER = 'timestamp >= "2025-09-07T13:00:00Z" AND timestamp < "2025-09-07T15:00:00Z"';
const tokens = (t = 'fake-token'): AccessTokenProvider => ({ description: 'test', getToken: async () => t });

async function withServer(opts: FakeLoggingOptions, fn: (s: FakeLoggingServer, time: ReturnType<typeof fakeTime>) => Promise<void>): Promise<void> {
  const time = fakeTime('2025-09-07T16:00:00Z');
  const server = await startFakeLoggingServer({ clock: time, ...opts });
  try {
    await fn(server, time);
  } finally {
    await server.close();
  }
}

function reader(server: FakeLoggingServer, time: ReturnType<typeof fakeTime>, extra: Partial<CloudLoggingReadOptions> = {}) {
  return readCloudLogging({
    project: 'demo-project',
    filter: FILTER,
    endpoint: server.url,
    tokens: tokens(),
    clock: time,
    sleep: time.sleep,
    random: seededRandom(7),
    ...extra,
  });
}

async function collect(it: AsyncIterable<unknown>): Promise<string[]> {
  const ids: string[] = [];
  for await (const e of it) ids.push(String((e as { insertId: string }).insertId));
  return ids;
}

test('sends the documented request body and streams every page, an empty page included', async () => {
  await withServer({ entries: makeEntries(25, { start: START }), maxPageSize: 10, emptyPages: [2] }, async (server, time) => {
    const read = reader(server, time, { pageSize: 10 });
    const ids = await collect(read.entries());
    assert.equal(ids.length, 25);
    assert.equal(new Set(ids).size, 25);
    assert.deepEqual(ids, [...ids].sort(), 'oldest first');
    assert.equal(server.requests.length, 4, 'page 2 is empty but carries a nextPageToken');
    assert.equal(server.requests[1]?.returned, 0);
    const first = server.requests[0];
    assert.equal(first?.path, '/v2/entries:list');
    assert.equal(first?.headers.authorization, 'Bearer fake-token');
    assert.deepEqual(first?.body, { resourceNames: ['projects/demo-project'], filter: FILTER, orderBy: 'timestamp asc', pageSize: 10 });
    assert.equal(typeof (server.requests[1]?.body as { pageToken?: unknown }).pageToken, 'string');
    const cov = read.coverage();
    assert.equal(cov.complete, true);
    assert.equal(cov.entries, 25);
    assert.equal(cov.format, 'cloud-logging-api');
    assert.equal(cov.query, FILTER);
    assert.equal(cov.readUpTo, undefined);
  });
});

test('retries 429 honouring Retry-After, and 503 with exponential backoff', async () => {
  await withServer(
    { entries: makeEntries(30, { start: START }), maxPageSize: 10, failures: [{ status: 429, onPage: 2, retryAfter: '7' }, { status: 503, onPage: 3, times: 2 }] },
    async (server, time) => {
      const read = reader(server, time);
      assert.equal((await collect(read.entries())).length, 30);
      assert.equal(read.coverage().complete, true);
      assert.deepEqual(server.requests.map((r) => r.status), [200, 429, 200, 503, 503, 200]);
      assert.equal(time.slept[0], 7000, 'Retry-After: 7 is honoured exactly');
      // Backoff with equal jitter: attempt 0 in [500, 1000], attempt 1 in [1000, 2000].
      assert.ok((time.slept[1] ?? 0) >= 500 && (time.slept[1] ?? 0) <= 1000, String(time.slept[1]));
      assert.ok((time.slept[2] ?? 0) >= 1000 && (time.slept[2] ?? 0) <= 2000, String(time.slept[2]));
      assert.equal(read.requests(), 6);
    },
  );
});

test('a configured quota project is sent as x-goog-user-project; none by default', async () => {
  await withServer({ entries: makeEntries(3, { start: START }) }, async (server, time) => {
    await collect(reader(server, time).entries());
    assert.equal(server.requests[0]?.headers['x-goog-user-project'], undefined);
    await collect(reader(server, time, { tokens: { ...tokens(), quotaProject: async () => 'billing-1' } }).entries());
    assert.equal(server.requests[1]?.headers['x-goog-user-project'], 'billing-1');
    await collect(reader(server, time, { tokens: { ...tokens(), quotaProject: async () => 'CURRENT_PROJECT' } }).entries());
    assert.equal(server.requests[2]?.headers['x-goog-user-project'], 'demo-project');
  });
});

test('a 200 whose body is cut off is retried', async () => {
  await withServer({ entries: makeEntries(3, { start: START }) }, async (server, time) => {
    let calls = 0;
    const truncating: typeof fetch = async (input, init) => {
      calls++;
      const res = await fetch(input, init);
      if (calls > 1) return res;
      const text = await res.text();
      return new Response(text.slice(0, 40), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const read = reader(server, time, { fetch: truncating });
    assert.equal((await collect(read.entries())).length, 3);
    assert.equal(calls, 2);
  });
});

test('retries network errors', async () => {
  await withServer({ entries: makeEntries(3, { start: START }) }, async (server, time) => {
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls++;
      if (calls === 1) throw new TypeError('fetch failed', { cause: new Error('ECONNRESET') });
      return fetch(input, init);
    };
    const read = reader(server, time, { fetch: flaky });
    assert.equal((await collect(read.entries())).length, 3);
    assert.equal(calls, 2);
    assert.equal(time.slept.length, 1);
  });
});

test('a request that never answers times out and is retried', async () => {
  await withServer({ entries: makeEntries(3, { start: START }) }, async (server, time) => {
    let calls = 0;
    const hangOnce: typeof fetch = async (input, init) => {
      calls++;
      if (calls === 1) {
        // Never answers; only the reader's timeout signal ends it.
        return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
      }
      return fetch(input, init);
    };
    const read = reader(server, time, { fetch: hangOnce, requestTimeoutMs: 300 });
    assert.equal((await collect(read.entries())).length, 3);
    assert.equal(calls, 2);
  });
});

for (const [status, kind, hint] of [
  [400, 'usage', /logging-query-language/],
  [401, 'auth', /gcloud auth application-default login/],
  [403, 'auth', /roles\/logging\.viewer/],
] as const) {
  test(`${status} fails fast with the server's message and what to do`, async () => {
    await withServer({ entries: makeEntries(3, { start: START }), failures: [{ status, onRequest: 1 }] }, async (server, time) => {
      const read = reader(server, time);
      await assert.rejects(collect(read.entries()), (err: unknown) => {
        assert.ok(err instanceof GardenerError);
        assert.equal(err.kind, kind);
        assert.match(err.message, new RegExp(`\\(${status} [A-Z_]+\\) for project demo-project: .+`));
        assert.match(err.hint ?? '', hint);
        return true;
      });
      assert.equal(server.requests.length, 1, 'no retries');
      assert.equal(read.coverage().complete, false);
    });
  });
}

test('a real 400 from a bad filter carries the parser message', async () => {
  await withServer({ entries: [] }, async (server, time) => {
    const read = reader(server, time, { filter: 'severity >= (' });
    await assert.rejects(collect(read.entries()), /INVALID_ARGUMENT\) for project demo-project: Unparseable filter: syntax error/);
  });
});

test('a wrong bearer token is refused with 401 by the fake, and fails fast', async () => {
  await withServer({ entries: makeEntries(3, { start: START }) }, async (server, time) => {
    const read = reader(server, time, { tokens: tokens('stale') });
    await assert.rejects(collect(read.entries()), /401 UNAUTHENTICATED.*invalid authentication credentials/);
  });
});

test('a failure on page N after retries keeps what was read and says how far it got', async () => {
  await withServer(
    { entries: makeEntries(50, { start: START }), maxPageSize: 10, failures: [{ status: 503, onPage: 3, times: Infinity }] },
    async (server, time) => {
      const read = reader(server, time, { retries: 2 });
      const ids = await collect(read.entries());
      assert.equal(ids.length, 20, 'pages 1 and 2');
      const cov = read.coverage();
      assert.equal(cov.complete, false);
      assert.equal(cov.readUpTo, '2025-09-07T13:00:19.000Z', 'timestamp of the last entry read');
      assert.match(cov.error ?? '', /503 UNAVAILABLE.*The service is currently unavailable/);
      assert.equal(server.requests.length, 2 + 3, 'two pages, then the first attempt and two retries');
    },
  );
});

test('progress is reported after every page, with entries per second from the clock', async () => {
  await withServer({ entries: makeEntries(30, { start: START }), maxPageSize: 10 }, async (server, time) => {
    const seen: ReadProgress[] = [];
    const fetchSlow: typeof fetch = async (input, init) => {
      time.advance(500); // each request takes half a second of fake time
      return fetch(input, init);
    };
    const read = reader(server, time, { onProgress: (p) => seen.push(p), fetch: fetchSlow });
    await collect(read.entries());
    assert.deepEqual(seen.map((p) => [p.pages, p.entries]), [[1, 10], [2, 20], [3, 30]]);
    assert.equal(seen[2]?.entriesPerSecond, 20, '30 entries in 1.5 s');
  });
});

test('pacing: never more than 60 requests in any rolling minute, even against a strict server quota', async () => {
  await withServer({ entries: makeEntries(150, { start: START }), maxPageSize: 1, quotaPerMinute: 60 }, async (server, time) => {
    const read = reader(server, time);
    assert.equal((await collect(read.entries())).length, 150);
    assert.equal(server.requests.length, 150, 'no 429 from the quota, so no retry was needed');
    assert.equal(maxInRollingMinute(server.requests.map((r) => r.atMs)), 60);
    assert.ok(time.slept.reduce((a, b) => a + b, 0) >= 120_000, 'it waited two minutes for 150 requests');
  });
});

test('10,000 entries over 17 pages with 429s on two pages: each read exactly once, within the quota', async () => {
  await withServer(
    {
      entries: makeEntries(10_000, { start: START, stepMs: 500, severities: ['ERROR', 'WARNING', undefined] }),
      maxPageSize: 600,
      failures: [{ status: 429, onPage: 4 }, { status: 429, onPage: 11, times: 2 }],
    },
    async (server, time) => {
      const read = reader(server, time);
      const ids = await collect(read.entries());
      assert.equal(ids.length, 10_000);
      assert.equal(new Set(ids).size, 10_000, 'no entry twice');
      assert.equal(read.coverage().complete, true);
      const pages = server.requests.filter((r) => r.status === 200).length;
      assert.equal(pages, 17);
      assert.equal(server.requests.filter((r) => r.status === 429).length, 3);
      assert.ok(maxInRollingMinute(server.requests.map((r) => r.atMs)) <= 60);
    },
  );
});

function maxInRollingMinute(times: number[]): number {
  let max = 0;
  for (const t of times) max = Math.max(max, times.filter((u) => u > t - 60_000 && u <= t).length);
  return max;
}

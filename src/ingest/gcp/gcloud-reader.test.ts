import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { GardenerError } from '../../core/errors.js';
import { buildLoggingFilter } from './filter.js';
import { gcloudArgs, readViaGcloud } from './gcloud-reader.js';
import { readCloudLogging } from './rest-reader.js';
import { gcloudEnv, makeEntries, startFakeLoggingServer } from '../../../test/fakes/logging-server.js';
import type { Entry } from '../../../test/fakes/logging-server.js';

// The real gcloud CLI, pointed at the fake with the two CLOUDSDK_* variables, must return the same
// entries as our REST reader for the same query. That proves the fake speaks what gcloud expects.

const gcloudPath = (process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'gcloud')).find((p) => existsSync(p));
const skip = gcloudPath === undefined ? 'gcloud is not installed on this machine (not on PATH)' : false;

function parityEntries(): Entry[] {
  const entries = makeEntries(40, { start: '2025-09-07T13:00:00Z', stepMs: 45_000, severities: ['ERROR', undefined, 'INFO', 'WARNING', 'CRITICAL'] });
  // Details gcloud must pass through untouched: nanosecond timestamps, unicode, an HTTP request.
  Object.assign(entries[3] ?? {}, { timestamp: '2025-09-07T13:02:15.123456789Z' });
  Object.assign(entries[6] ?? {}, { jsonPayload: { message: 'naïve café — 接続 failed', nested: { list: [1, 2.5, 'x'], flag: true } } });
  Object.assign(entries[8] ?? {}, { httpRequest: { requestMethod: 'GET', requestUrl: 'https://x.run.app/a?b=1', status: 503, latency: '0.512s' } });
  // Another service and another project: the filter and resourceNames must keep them out.
  return [
    ...entries,
    ...makeEntries(5, { start: '2025-09-07T13:00:10Z', service: 'billing', idPrefix: 'bill' }),
    ...makeEntries(5, { start: '2025-09-07T13:00:20Z', project: 'other-project', idPrefix: 'other' }),
  ];
}

test('the real gcloud CLI and our REST reader return the same entries from the fake', { skip }, async () => {
  const server = await startFakeLoggingServer({ entries: parityEntries(), maxPageSize: 7, emptyPages: [2] });
  const dir = mkdtempSync(join(tmpdir(), 'lg-gcloud-'));
  try {
    const filter = buildLoggingFilter({ project: 'demo-project', service: 'checkout', from: '2025-09-07T13:00:00.000Z', to: '2025-09-07T14:00:00.000Z' });
    const viaGcloud = readViaGcloud({ filter, project: 'demo-project', gcloudPath, env: gcloudEnv(server, dir) });
    const fromGcloud: unknown[] = [];
    for await (const e of viaGcloud.entries()) fromGcloud.push(e);
    const gcloudRequests = [...server.requests];

    const viaApi = readCloudLogging({ project: 'demo-project', filter, endpoint: server.url, tokens: { description: 't', getToken: async () => server.token }, clock: { now: () => new Date() }, sleep: async () => {} });
    const fromApi: unknown[] = [];
    for await (const e of viaApi.entries()) fromApi.push(e);

    assert.equal(viaGcloud.coverage().complete, true, viaGcloud.coverage().error);
    assert.equal(fromApi.length, 32, 'ERROR, WARNING, CRITICAL and stderr DEFAULT of checkout; not INFO, not billing, not other-project');
    assert.deepEqual(fromGcloud, fromApi);
    // gcloud sent what we send, and followed the page tokens through the empty page.
    assert.ok(gcloudRequests.length >= 6, `gcloud paged (${gcloudRequests.length} requests)`);
    const body = gcloudRequests[0]?.body as Record<string, unknown>;
    assert.equal(body.filter, filter);
    assert.equal(body.orderBy, 'timestamp asc');
    assert.deepEqual(body.resourceNames, ['projects/demo-project']);
    assert.equal(gcloudRequests[0]?.headers.authorization, `Bearer ${server.token}`);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('gcloud failing (403 from the API) throws with its stderr in the message', { skip }, async () => {
  const server = await startFakeLoggingServer({ entries: parityEntries(), failures: [{ status: 403, onRequest: 1 }] });
  const dir = mkdtempSync(join(tmpdir(), 'lg-gcloud-'));
  try {
    const read = readViaGcloud({ filter: 'severity >= ERROR', project: 'demo-project', gcloudPath, env: gcloudEnv(server, dir) });
    await assert.rejects(
      (async () => {
        for await (const _ of read.entries()) void _;
      })(),
      (err: unknown) => err instanceof GardenerError && /gcloud logging read failed: .*logging\.logEntries\.list/s.test(err.message),
    );
    assert.equal(read.coverage().complete, false);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing gcloud is a clear error', async () => {
  const read = readViaGcloud({ filter: 'x', project: 'p', gcloudPath: '/nonexistent/bin/gcloud', env: { PATH: '/nonexistent' } });
  await assert.rejects(
    (async () => {
      for await (const _ of read.entries()) void _;
    })(),
    (err: unknown) => err instanceof GardenerError && /gcloud not found \(\/nonexistent\/bin\/gcloud\)/.test(err.message) && /install the Google Cloud CLI/.test(err.hint ?? ''),
  );
});

test('gcloud is asked for JSON, oldest first, for the project', () => {
  assert.deepEqual(gcloudArgs({ filter: 'F', project: 'p' }), ['logging', 'read', 'F', '--project=p', '--format=json', '--order=asc']);
});

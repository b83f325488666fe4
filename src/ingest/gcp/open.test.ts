import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCloudLogging } from './open.js';
import { makeEntries, startFakeLoggingServer } from '../../../test/fakes/logging-server.js';

test('openCloudLogging reads through the env exactly as gcloud would: endpoint override and token file', async () => {
  const server = await startFakeLoggingServer({ entries: makeEntries(12, { start: '2025-09-07T13:00:00Z', severities: ['ERROR', 'INFO', undefined] }) });
  const dir = mkdtempSync(join(tmpdir(), 'lg-open-'));
  try {
    writeFileSync(join(dir, 'token'), `${server.token}\n`);
    const src = openCloudLogging({
      project: 'demo-project',
      service: 'checkout',
      window: { from: '2025-09-07T13:00:00.000Z', to: '2025-09-07T14:00:00.000Z' },
      env: { CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING: server.url, CLOUDSDK_AUTH_ACCESS_TOKEN_FILE: join(dir, 'token') },
      clock: { now: () => new Date() },
    });
    const got: unknown[] = [];
    for await (const e of src.entries()) got.push(e);
    assert.equal(got.length, 8, 'ERROR and severity-less stderr, not INFO');
    assert.equal(src.coverage().input, 'cloud-logging:demo-project/checkout');
    assert.equal(src.coverage().complete, true);
    assert.equal((server.requests[0]?.body as { filter: string }).filter, src.filter);
    assert.ok(src.explorerUrl.startsWith('https://console.cloud.google.com/logs/query;query=resource.type%20%3D%20%22cloud_run_revision%22'));
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { executeRun } from '../../src/app/run.js';
import type { RunRequest } from '../../src/app/request.js';
import { buildConfig } from '../../src/config/load.js';
import { fixedClock } from '../../src/core/clock.js';
import { openMemoryStore } from '../../src/store/memory/memory-store.js';
import { makeEntries, startFakeLoggingServer } from '../fakes/logging-server.js';
import { tempDir } from '../helpers/run.js';

// Issue 5, must-show 4, through the whole run: `--since last` twice with overlapping windows
// against the fake Logging API. No entry is counted twice, and a late arrival inside the overlap
// is caught.

test('--since last twice: the overlap is re-read but nothing is counted twice; late arrivals are caught', async () => {
  const entries = makeEntries(3600, { start: '2025-03-01T10:00:00Z', stepMs: 1000, service: 'checkout', project: 'demo-project' });
  const fake = await startFakeLoggingServer({ entries: entries.filter((e) => String(e.timestamp) < '2025-03-01T10:30:00') });
  try {
    const dir = tempDir();
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, `${fake.token}\n`);
    const env = { CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING: fake.url, CLOUDSDK_AUTH_ACCESS_TOKEN_FILE: tokenFile };
    const store = await openMemoryStore();
    const config = buildConfig({});
    const request = (since: string): RunRequest => ({
      inputs: [],
      cloud: { project: 'demo-project', service: 'checkout', via: 'api', resourceType: 'cloud_run_revision' },
      window: { since },
      outDir: join(dir, 'out'),
      apply: false,
    });

    const first = await executeRun(request('30m'), config, { clock: fixedClock('2025-03-01T10:30:00Z'), env, store });
    assert.equal(first.exitCode, 0);
    assert.equal(first.report.window.from, '2025-03-01T10:00:00Z');
    assert.equal(first.report.summary.recordsAnalysed, 1800);
    assert.match(first.report.query ?? '', /timestamp >= "2025-03-01T10:00:00Z"/);

    // After the first run: the rest of the hour arrives, plus one late entry inside the overlap.
    fake.addEntries(entries.filter((e) => String(e.timestamp) >= '2025-03-01T10:30:00'));
    const late = makeEntries(1, { start: '2025-03-01T10:28:30.500Z', service: 'checkout', project: 'demo-project', idPrefix: 'late' });
    fake.addEntries(late);

    const second = await executeRun(request('last'), config, { clock: fixedClock('2025-03-01T11:00:00Z'), env, store });
    assert.equal(second.exitCode, 0);
    assert.equal(second.report.window.from, '2025-03-01T10:25:00Z', 'resumes at the cursor minus 5 minutes of overlap');
    assert.equal(second.report.window.to, '2025-03-01T11:00:00Z');
    assert.equal(second.report.summary.recordsAnalysed, 35 * 60 + 1);
    assert.equal(second.report.coverage.duplicates, 5 * 60, 'the overlap is recognised as already counted');

    const history = await store.loadHistory('checkout');
    const total = Object.values(history.incidents).reduce((n, i) => n + i.totalCount, 0);
    assert.equal(total, 3600 + 1, 'every entry counted exactly once, the late one included');
  } finally {
    await fake.close();
  }
});

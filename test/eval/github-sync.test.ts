import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { executeRun } from '../../src/app/run.js';
import type { RunRequest } from '../../src/app/request.js';
import { buildConfig } from '../../src/config/load.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Incident } from '../../src/core/incident.js';
import { openMemoryStore } from '../../src/store/memory/memory-store.js';
import { parseIssueBody } from '../../src/sinks/github/body.js';
import { MemoryGithubState } from '../../src/sinks/github/state.js';
import { FakeGithub } from '../fakes/github-server.js';
import { assertTrafficMatchesOpenApi } from '../fakes/github-contract.js';
import { REPO_NAME, TestClock, assertNoDuplicates, runSync, startFake } from '../fakes/github-harness.js';
import { sharedData, tempDir } from '../helpers/run.js';

// The GitHub sink on real Cloud Run exports against the fake GitHub: one issue per incident,
// bodies within limits and free of the input's JWTs, every exchange valid per GitHub's OpenAPI
// description, and a second identical run that writes nothing.

const NOW = '2026-01-01T00:00:00Z';
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\./;

async function incidentsOf(file: string): Promise<Incident[]> {
  const request: RunRequest = { inputs: [file], window: {}, outDir: tempDir(), apply: false };
  const r = await executeRun(request, buildConfig({}), { clock: fixedClock(NOW), env: {}, store: await openMemoryStore() });
  return r.report.incidents;
}

for (const name of ['cloud-run-auth-failures-2025-09-07.json', 'cloud-run-mixed-payloads.json', 'cloud-run-auth-issues-small.json']) {
  const file = join(sharedData, 'cloud-logging', name);
  test(`${name}: one issue per incident, safe bodies, valid traffic; a second run writes nothing`, { skip: !existsSync(file) && 'shared data not present' }, async () => {
    const incidents = await incidentsOf(file);
    assert.ok(incidents.length > 0);
    const clock = new TestClock(Date.parse(NOW));
    const fake = await startFake(clock);
    try {
      const state = new MemoryGithubState();
      const first = await runSync(fake, clock, incidents, state, { config: { budget: { perHour: 1000, maxWaitSeconds: 7200 } } });
      assert.equal(first.applied?.counts.failed, 0);
      assert.equal(first.applied?.counts.deferred, 0);
      const issues = fake.issues(REPO_NAME);
      assert.equal(issues.length, incidents.length);
      assertNoDuplicates(fake, incidents.map((i) => i.key));
      for (const i of issues) {
        assert.ok((i.body ?? '').length <= 60_000);
        assert.match(i.title, /^GCP-(new|regression|active-dev|other) \| P[0-3] \| /);
        assert.ok(!JWT.test(i.body ?? '') && !JWT.test(i.title), `issue #${i.number} leaks a JWT`);
        assert.ok(parseIssueBody(i.body));
      }
      const writes = fake.writes().length;
      clock.advance(60_000);
      await runSync(fake, clock, incidents, new MemoryGithubState(), { config: { budget: { perHour: 1000, maxWaitSeconds: 7200 } } });
      assert.equal(fake.writes().length, writes, 'a second run (even with a fresh store) writes nothing');
      assertTrafficMatchesOpenApi(fake);
    } finally {
      await fake.stop();
    }
  });
}

// Through the whole run as the CLI wires it (`run --apply --repo`), with the production Octokit
// settings (throttling plugin spacing writes as GitHub advises), so only the smallest export.
const small = join(sharedData, 'cloud-logging', 'cloud-run-auth-issues-small.json');
test('run --apply --repo through executeRun: issues filed, and a rerun writes nothing', { skip: !existsSync(small) && 'shared data not present' }, async () => {
  const fake = new FakeGithub({ tokens: { 'test-token': { login: 'gardener-bot', id: 1, type: 'Bot' } }, now: () => new Date(NOW) });
  await fake.start();
  try {
    const run = async () =>
      executeRun({ inputs: [small], window: {}, outDir: tempDir(), apply: true, repo: 'acme/shop' }, buildConfig({}), {
        clock: fixedClock(NOW),
        env: { GITHUB_TOKEN: 'test-token', GITHUB_API_URL: fake.baseUrl },
        store: await openMemoryStore(),
      });
    const first = await run();
    assert.equal(first.github?.failed, 0, first.github?.table);
    assert.equal(first.github?.summary.deferred, 0, first.github?.table);
    assert.ok(fake.issues('acme/shop').length > 0);
    const writes = fake.writes().length;
    const second = await run();
    assert.equal(fake.writes().length, writes, `second run wrote:\n${second.github?.table}`);
    assertTrafficMatchesOpenApi(fake);
  } finally {
    await fake.stop();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { executeRun } from '../../src/app/run.js';
import type { RunRequest } from '../../src/app/request.js';
import { buildConfig } from '../../src/config/load.js';
import { fixedClock } from '../../src/core/clock.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { FakeGithub } from '../fakes/github-server.js';
import { repoRoot, tempDir } from '../helpers/run.js';

// The whole run against the fake GitHub: without --apply nothing is written and the plan is saved;
// with --apply one issue per incident; the same run again writes nothing.

const demo = join(repoRoot, 'samples/cloud-run-demo.json');

test('run --repo: dry run writes nothing; --apply files one issue per incident; a second run makes zero writes', async () => {
  const gh = new FakeGithub({ now: () => new Date('2025-09-14T09:40:00Z') });
  await gh.start();
  try {
    const dir = tempDir();
    const env = { GITHUB_TOKEN: 'test-token', GITHUB_API_URL: gh.baseUrl };
    const config = buildConfig({ github: { budget: { perMinute: 1000, perHour: 1000 } } });
    const req = (apply: boolean): RunRequest => ({ inputs: [demo], window: {}, outDir: join(dir, 'out'), apply, repo: 'acme/shop' });
    const deps = { clock: fixedClock('2025-09-14T09:40:00Z'), env, sleep: async () => {}, githubThrottle: false };

    const storePath = join(dir, 'state.db');
    let store = await openSqliteStore(storePath);
    const dry = await executeRun(req(false), config, { ...deps, store });
    assert.equal(gh.writes().length, 0, 'a dry run writes nothing to GitHub');
    assert.ok(dry.github, 'the plan is returned');
    const planFile = dry.files.find((f) => f.endsWith('.plan.json'));
    assert.ok(planFile && existsSync(planFile), 'the plan is saved next to the worklog');
    const planned = JSON.parse(readFileSync(planFile, 'utf8')).plan.actions.filter((a: { kind: string }) => a.kind === 'create');
    assert.ok(planned.length > 0);

    const applied = await executeRun(req(true), config, { ...deps, store });
    assert.equal(applied.exitCode, 0, applied.warnings.join('\n'));
    const issues = gh.issues('acme/shop');
    assert.equal(issues.length, planned.length, 'one issue per planned create');
    const keys = issues.map((i) => /log-gardener:key=([^;]+);/.exec(i.body ?? '')?.[1]);
    assert.equal(new Set(keys).size, issues.length, 'every issue carries a distinct incident key');
    for (const i of issues) assert.match(i.title, /^GCP-(new|regression|active-dev|other) \| P[0-3] \| /);
    await store.close();

    // A new process, the same input and state: nothing to write.
    store = await openSqliteStore(storePath);
    const before = gh.writes().length;
    const again = await executeRun(req(true), config, { ...deps, clock: fixedClock('2025-09-14T09:45:00Z'), store });
    assert.equal(again.exitCode, 0);
    assert.equal(gh.writes().length, before, 'the second identical run makes zero writes');
    assert.equal(gh.issues('acme/shop').length, issues.length);
    await store.close();
  } finally {
    await gh.stop();
  }
});

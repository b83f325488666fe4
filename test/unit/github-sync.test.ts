import { describe, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteGithubState } from '../../src/sinks/github/sqlite-state.js';
import assert from 'node:assert/strict';
import { MemoryGithubState } from '../../src/sinks/github/state.js';
import { issueMarker, statusMarker } from '../../src/sinks/github/marker.js';
import { renderPlanTable } from '../../src/sinks/github/plan-table.js';
import { createOctokitPort } from '../../src/sinks/github/octokit-port.js';
import { GithubError } from '../../src/sinks/github/errors.js';
import type { GithubPort } from '../../src/sinks/github/port.js';
import { githubConfigSchema } from '../../src/sinks/github/config.js';
import { readGithubSnapshot } from '../../src/sinks/github/snapshot.js';
import { planGithubSync } from '../../src/sinks/github/plan.js';
import { applyGithubPlan } from '../../src/sinks/github/apply.js';
import { syncGithub } from '../../src/sinks/github/sync.js';
import { FakeGithub } from '../fakes/github-server.js';
import { assertTrafficMatchesOpenApi } from '../fakes/github-contract.js';
import { makeIncident, manyIncidents } from '../fakes/github-incidents.js';
import { BOT, REPO, REPO_NAME, TestClock, assertNoDuplicates, issueFor, runSync, startFake } from '../fakes/github-harness.js';

// The issue's must-shows 2–6, end to end: real Octokit adapter → fake GitHub server, with the
// planner, applier, journal and lock in between. Time is simulated (TestClock), never slept.

const T0 = '2026-03-01T11:00:00Z';

function relatedPair() {
  const a = makeIncident('alpha', { priority: 'P0', exception: { type: 'KeyError', message: "'user'", topFrames: ['app/views.py:40 in checkout'], language: 'python' } });
  const b = makeIncident('beta', { priority: 'P2', exception: { type: 'KeyError', message: "'cart'", topFrames: ['app/cart.py:12 in load'], language: 'python' } });
  const c = makeIncident('gamma', { priority: 'P1', classification: 'active-dev' });
  return [a, b, c];
}

describe('GitHub sync end to end', () => {
  test('must-show 2: two identical runs — the second makes zero writes', async () => {
    const clock = new TestClock(Date.parse(T0));
    const fake = await startFake(clock);
    try {
      const incidents = relatedPair();
      const state = new MemoryGithubState();
      const first = await runSync(fake, clock, incidents, state);
      assert.equal(first.applied?.counts.failed, 0, JSON.stringify(first.applied?.results, null, 1));
      const writesAfterFirst = fake.writes().length;
      assert.ok(writesAfterFirst >= 3 * 2, 'three issues and three status comments at least');
      // a and b share an exception type: each links the other, with the reason.
      const a = issueFor(fake, incidents[0]!.key)[0]!;
      const b = issueFor(fake, incidents[1]!.key)[0]!;
      assert.match(a.body ?? '', new RegExp(`- #${b.number} — same exception type: KeyError`));
      assert.match(b.body ?? '', new RegExp(`- #${a.number} — same exception type: KeyError`));

      clock.advance(60_000);
      const second = await runSync(fake, clock, incidents, state);
      assert.equal(fake.writes().length, writesAfterFirst, `second run wrote: ${JSON.stringify(fake.writes().slice(writesAfterFirst).map((w) => `${w.method} ${w.path}`))}`);
      assert.ok(second.plan.actions.every((x) => x.kind === 'noop'), renderPlanTable(second.plan));
      assert.equal(second.applied?.writes, 0);
      assertNoDuplicates(fake, incidents.map((i) => i.key));
      assertTrafficMatchesOpenApi(fake);
    } finally {
      await fake.stop();
    }
  });

  test('without apply nothing is written, and the plan table says what would happen', async () => {
    const clock = new TestClock(Date.parse(T0));
    const fake = await startFake(clock);
    try {
      const r = await runSync(fake, clock, relatedPair(), new MemoryGithubState(), { apply: false });
      assert.equal(fake.writes().length, 0);
      assert.equal(r.applied, undefined);
      const table = renderPlanTable(r.plan);
      assert.match(table, /3 create/);
      assert.match(table, /Labels to create first: P0, P1, P2, active-dev, log-gardener, new/);
      assert.deepEqual(JSON.parse(JSON.stringify(r.plan)).actions.length, r.plan.actions.length, 'the plan is plain JSON');
    } finally {
      await fake.stop();
    }
  });

  for (const stateSurvives of [true, false]) {
    test(`must-show 3: killed after N writes (N = 1..12), then run again — one issue per incident, no comment twice (journal ${stateSurvives ? 'kept' : 'lost'})`, async () => {
      for (let n = 1; n <= 12; n++) {
        const clock = new TestClock(Date.parse(T0));
        const fake = await startFake(clock);
        try {
          const incidents = relatedPair();
          const state = new MemoryGithubState();
          // The write after the Nth is carried out by GitHub but its response never arrives.
          fake.dieAfterWrites({ afterWrites: n, mode: 'reset', commitFatalWrite: true });
          const killed = await runSync(fake, clock, incidents, state);
          assert.ok((killed.applied?.counts.failed ?? 0) > 0 || n >= fake.writes().length, `N=${n}: the first run should have been cut short`);
          fake.revive();
          clock.advance(5 * 60_000);
          const again = await runSync(fake, clock, incidents, stateSurvives ? state : new MemoryGithubState());
          assert.equal(again.applied?.counts.failed, 0, `N=${n}: ${JSON.stringify(again.applied?.results.filter((r) => r.status === 'failed'))}`);
          assertNoDuplicates(fake, incidents.map((i) => i.key));
          for (const inc of incidents) {
            const [issue] = issueFor(fake, inc.key);
            assert.equal(fake.comments(REPO_NAME, issue!.number).length, 1, `N=${n}: issue #${issue!.number} should have exactly its status comment`);
          }
          const before = fake.writes().length;
          await runSync(fake, clock, incidents, stateSurvives ? state : new MemoryGithubState());
          assert.equal(fake.writes().length, before, `N=${n}: a third run must write nothing`);
        } finally {
          await fake.stop();
        }
      }
    });
  }

  test('must-show 4: 60 incidents against a secondary limit after 20 writes — created after the waits, zero duplicates', async () => {
    const clock = new TestClock(Date.parse(T0));
    const fake = await startFake(clock);
    try {
      const incidents = manyIncidents(60);
      const state = new MemoryGithubState();
      fake.secondaryLimit({ afterWrites: 20, rejections: 3, status: 403, retryAfterSeconds: 30 });
      const r = await runSync(fake, clock, incidents, state, { config: { budget: { perMinute: 20, perHour: 150, maxWaitSeconds: 3600 } } });
      assert.equal(r.applied?.counts.failed, 0);
      assert.equal(r.applied?.counts.deferred, 0);
      assert.equal(fake.issues(REPO_NAME).length, 60);
      assertNoDuplicates(fake, incidents.map((i) => i.key));
      const refused = fake.requests.filter((q) => q.status === 403);
      assert.equal(refused.length, 3, 'three writes were refused by the secondary limit');
      // Each refusal was followed by a wait of at least its Retry-After before the next write.
      for (const q of refused) {
        const next = fake.requests.find((x) => x.write && x.at > q.at);
        assert.ok(next && next.at - q.at >= 30_000, `a write followed a refusal after ${(next?.at ?? 0) - q.at} ms`);
      }
      // No 60 s window ever saw more content writes than the budget (20/minute).
      const writes = fake.writes().filter((w) => w.status >= 200 && w.status < 300 && !w.path.endsWith('/labels'));
      assert.equal(writes.length, 120);
      for (const w of writes) assert.ok(writes.filter((x) => x.at >= w.at && x.at < w.at + 60_000).length <= 20, 'more than 20 writes in a minute');
      assert.ok(clock.slept.reduce((a, b) => a + b, 0) >= 5 * 60_000, 'the run waited for budget and Retry-After');
      assertTrafficMatchesOpenApi(fake);
    } finally {
      await fake.stop();
    }
  });

  test('must-show 4b: the same with the default wait allowance — the rest is deferred with its reason, then finished without duplicates', async () => {
    const clock = new TestClock(Date.parse(T0));
    const fake = await startFake(clock);
    try {
      const incidents = manyIncidents(60);
      const state = new MemoryGithubState();
      fake.secondaryLimit({ afterWrites: 20, rejections: 1, status: 429, retryAfterSeconds: 30 });
      const r = await runSync(fake, clock, incidents, state);
      const deferred = r.applied!.results.filter((x) => x.status === 'deferred');
      assert.ok(deferred.length > 0, 'some incidents are deferred');
      assert.equal(r.applied?.counts.failed, 0);
      for (const d of deferred) assert.match(d.reason, /budget|rate limit/);
      // Higher priorities first: nothing of a lower priority was done while a higher one was deferred.
      const rank = { P0: 0, P1: 1, P2: 2, P3: 3 } as Record<string, number>;
      const worstDone = Math.max(...r.applied!.results.filter((x) => x.status === 'done' && x.writes > 0).map((x) => rank[x.priority]!));
      const bestDeferred = Math.min(...deferred.map((x) => rank[x.priority]!));
      assert.ok(worstDone <= bestDeferred, `done up to P${worstDone}, deferred from P${bestDeferred}`);
      const created = fake.issues(REPO_NAME).length;
      assert.ok(created < 60 && created > 0);
      // Later runs finish the job.
      for (let i = 0; i < 4; i++) {
        clock.advance(3_600_000);
        await runSync(fake, clock, incidents, state);
      }
      assert.equal(fake.issues(REPO_NAME).length, 60);
      assertNoDuplicates(fake, incidents.map((x) => x.key));
      for (const inc of incidents) assert.equal(fake.comments(REPO_NAME, issueFor(fake, inc.key)[0]!.number).length, 1);
    } finally {
      await fake.stop();
    }
  });

  test('the primary limit (x-ratelimit-remaining 0) is waited out until x-ratelimit-reset, then the run finishes', async () => {
    const clock = new TestClock(Date.parse(T0));
    const fake = await startFake(clock);
    try {
      const incidents = manyIncidents(4);
      // Request 7 creates a label and is refused; after the wait every label exists with its colour.
      fake.primaryLimit({ afterRequests: 6, rejections: 1, resetInSeconds: 45 });
      const r = await runSync(fake, clock, incidents, new MemoryGithubState());
      assert.equal(fake.requests.filter((q) => q.status === 403).length, 1);
      assert.deepEqual(fake.labels(REPO_NAME).map((l) => l.color === 'ededed'), [false, false, false, false, false, false]);
      assert.equal(r.applied?.counts.failed, 0, JSON.stringify(r.applied?.results));
      assert.equal(r.applied?.counts.deferred, 0);
      const refused = fake.requests.find((q) => q.status === 403)!;
      assert.equal(refused.headers['x-ratelimit-remaining'], '0');
      const next = fake.requests.find((q) => q.at > refused.at)!;
      assert.ok(next.at - refused.at >= 45_000, `retried ${next.at - refused.at} ms after the refusal`);
      assertNoDuplicates(fake, incidents.map((i) => i.key));
      assertTrafficMatchesOpenApi(fake);
    } finally {
      await fake.stop();
    }
  });

  test('must-show 5: completed then recurring in a newer revision is reopened with a regression comment; not planned is never reopened', async () => {
    const clock = new TestClock(Date.parse(T0));
    const fake = await startFake(clock);
    try {
      const state = new MemoryGithubState();
      const fixed = makeIncident('fixed', { priority: 'P1', exception: { type: 'KeyError', message: 'x', topFrames: ['app/a.py:1'], language: 'python' } });
      const wontfix = makeIncident('wontfix', { priority: 'P2' });
      const sibling = makeIncident('sibling', { priority: 'P3', exception: { type: 'KeyError', message: 'y', topFrames: ['app/b.py:2'], language: 'python' } });
      await runSync(fake, clock, [fixed, wontfix, sibling], state);
      const fixedIssue = issueFor(fake, fixed.key)[0]!;
      const wontfixIssue = issueFor(fake, wontfix.key)[0]!;
      fake.closeIssue(REPO_NAME, fixedIssue.number, 'completed', '2026-03-01T12:00:00Z');
      fake.closeIssue(REPO_NAME, wontfixIssue.number, 'not_planned', '2026-03-01T12:00:00Z');

      clock.set('2026-03-02T09:00:00Z');
      const later = {
        firstSeen: '2026-03-02T08:00:00Z',
        lastSeen: '2026-03-02T08:55:00Z',
        revisions: [{ name: 'checkout-00043-def', count: 30, firstSeen: '2026-03-02T08:00:00Z', revisionFirstLogged: '2026-03-02T07:59:00Z' }],
      };
      const back = { ...fixed, ...later, classification: 'regression' as const, classificationReason: 'resolved at 2026-03-01T12:00:00Z, back in checkout-00043-def' };
      const wontfixBack = { ...wontfix, ...later };
      const writesBefore = fake.writes().length;
      const r = await runSync(fake, clock, [back, wontfixBack, sibling], state);
      assert.equal(r.applied?.counts.failed, 0);

      const reopened = fake.issues(REPO_NAME)[fixedIssue.number - 1]!;
      assert.equal(reopened.state, 'open');
      assert.equal(reopened.state_reason, 'reopened');
      const comments = fake.comments(REPO_NAME, fixedIssue.number).map((c) => c.body);
      assert.ok(comments.some((c) => /Regression\./.test(c) && /checkout-00043-def/.test(c)), comments.join('\n---\n'));
      assert.ok(reopened.labels.includes('regression') && !reopened.labels.includes('new'), reopened.labels.join(','));
      // Linked: the reopened issue's related block names its sibling with the reason.
      assert.match(reopened.body ?? '', new RegExp(`- #${issueFor(fake, sibling.key)[0]!.number} — same exception type: KeyError`));

      const stillClosed = fake.issues(REPO_NAME)[wontfixIssue.number - 1]!;
      assert.equal(stillClosed.state, 'closed');
      assert.equal(stillClosed.state_reason, 'not_planned');
      assert.ok(fake.writes().slice(writesBefore).every((w) => !w.path.includes(`/issues/${wontfixIssue.number}`)), 'nothing written to the not-planned issue');
      assert.ok(r.plan.actions.some((a) => a.kind === 'noop' && a.incidentKey === wontfix.key && /not_planned: never reopened/.test(a.reason)));
      assertNoDuplicates(fake, [fixed.key, wontfix.key, sibling.key]);
      assertTrafficMatchesOpenApi(fake);
    } finally {
      await fake.stop();
    }
  });

  test('must-show 5b: with onRegression = new-issue, a regression is filed as a new issue linking the old one', async () => {
    const clock = new TestClock(Date.parse(T0));
    const fake = await startFake(clock);
    try {
      const state = new MemoryGithubState();
      const config = { onRegression: 'new-issue' as const };
      const fixed = makeIncident('fixed', { priority: 'P1' });
      await runSync(fake, clock, [fixed], state, { config });
      const old = issueFor(fake, fixed.key)[0]!;
      fake.closeIssue(REPO_NAME, old.number, 'completed', '2026-03-01T12:00:00Z');
      clock.set('2026-03-02T09:00:00Z');
      const back = {
        ...fixed,
        lastSeen: '2026-03-02T08:55:00Z',
        revisions: [{ name: 'checkout-00043-def', count: 30, firstSeen: '2026-03-02T08:00:00Z', revisionFirstLogged: '2026-03-02T07:59:00Z' }],
      };
      await runSync(fake, clock, [back], state, { config });
      const issues = issueFor(fake, fixed.key);
      assert.equal(issues.length, 2);
      const fresh = issues.find((i) => i.number !== old.number)!;
      assert.equal(fake.issues(REPO_NAME)[old.number - 1]!.state, 'closed', 'the old issue stays closed');
      assert.match(fresh.body ?? '', new RegExp(`Regression of #${old.number}`));
      assert.match(fresh.body ?? '', new RegExp(`- #${old.number} — regression of this issue`));
      // And it is stable: a further identical run writes nothing and files nothing new.
      const before = fake.writes().length;
      clock.advance(60_000);
      await runSync(fake, clock, [back], state, { config });
      assert.equal(fake.writes().length, before);
      await runSync(fake, clock, [back], new MemoryGithubState(), { config });
      assert.equal(fake.writes().length, before, 'also when the store forgot the number (marker finds the open one)');
    } finally {
      await fake.stop();
    }
  });

  test('a recurrence within the grace period or without a newer revision is not reopened: comment once and label "recurred"', async () => {
    const clock = new TestClock(Date.parse(T0));
    const fake = await startFake(clock);
    try {
      const state = new MemoryGithubState();
      const inc = makeIncident('tail', { priority: 'P2' });
      await runSync(fake, clock, [inc], state);
      const issue = issueFor(fake, inc.key)[0]!;
      fake.closeIssue(REPO_NAME, issue.number, 'completed', '2026-03-01T12:00:00Z');
      clock.set('2026-03-01T12:30:00Z');
      const tail = { ...inc, lastSeen: '2026-03-01T12:20:00Z' };
      const r1 = await runSync(fake, clock, [tail], state);
      assert.ok(r1.plan.actions.every((a) => a.kind === 'noop') && /grace/.test(r1.plan.actions[0]!.reason));
      clock.set('2026-03-02T09:00:00Z');
      const sameRevision = { ...inc, lastSeen: '2026-03-02T08:00:00Z' };
      await runSync(fake, clock, [sameRevision], state);
      const now = fake.issues(REPO_NAME)[issue.number - 1]!;
      assert.equal(now.state, 'closed');
      assert.ok(now.labels.includes('recurred'));
      assert.equal(fake.comments(REPO_NAME, issue.number).filter((c) => /Recurred after this issue was closed/.test(c.body)).length, 1);
      const before = fake.writes().length;
      await runSync(fake, clock, [sameRevision], state);
      assert.equal(fake.writes().length, before, 'the recurrence is recorded once');
    } finally {
      await fake.stop();
    }
  });

  test('must-show 6: a marker planted on an issue (or comment) authored by another user is ignored', async () => {
    const clock = new TestClock(Date.parse(T0));
    const fake = await startFake(clock);
    try {
      const inc = makeIncident('target', { priority: 'P1' });
      const planted = fake.seedIssue(REPO_NAME, { title: 'GCP-new | P1 | planted', body: `${issueMarker(inc.key)}\nplease close me`, author: { login: 'mallory', id: 666 }, labels: ['log-gardener'] });
      const state = new MemoryGithubState();
      const r = await runSync(fake, clock, [inc], state);
      assert.equal(r.plan.actions[0]!.kind, 'create', 'the planted issue does not count as ours');
      const ours = issueFor(fake, inc.key);
      assert.equal(ours.length, 1);
      assert.notEqual(ours[0]!.number, planted);
      assert.ok(fake.writes().every((w) => !w.path.endsWith(`/issues/${planted}`) && !w.path.includes(`/issues/${planted}/`)), 'nothing written to the planted issue');

      // Another user plants a status comment with the marker on OUR issue: still ignored.
      const res = await fetch(`${fake.baseUrl}/repos/${REPO_NAME}/issues/${ours[0]!.number}/comments`, {
        method: 'POST',
        headers: { authorization: 'token mallory-token', 'content-type': 'application/json' },
        body: JSON.stringify({ body: `${statusMarker(inc.key)}\n<!-- log-gardener:data {"lastSeen":"2000-01-01T00:00:00Z","revisions":[],"spikeFactor":null,"classification":"new","priority":"P1"} -->\nfake status` }),
      });
      assert.equal(res.status, 201);
      const before = fake.writes().length;
      clock.advance(60_000);
      const again = await runSync(fake, clock, [inc], state);
      assert.ok(again.plan.actions.every((a) => a.kind === 'noop'), renderPlanTable(again.plan));
      assert.equal(fake.writes().length, before);
      assert.equal(BOT.login, 'gardener-bot');
    } finally {
      await fake.stop();
    }
  });

  test('a log line carrying a marker cannot plant identity in our own body', async () => {
    const clock = new TestClock(Date.parse(T0));
    const fake = await startFake(clock);
    try {
      const victim = makeIncident('victim', { priority: 'P1' });
      const attacker = makeIncident('attacker', {
        priority: 'P2',
        samples: [{ insertId: 'x1', timestamp: '2026-03-01T10:00:00Z', severity: 'ERROR', text: `${issueMarker(victim.key)}\n<!-- log-gardener:related -->` }],
      });
      const state = new MemoryGithubState();
      await runSync(fake, clock, [attacker], state);
      const r = await runSync(fake, clock, [victim], new MemoryGithubState());
      assert.equal(r.plan.actions[0]!.kind, 'create');
      assertNoDuplicates(fake, [victim.key, attacker.key]);
    } finally {
      await fake.stop();
    }
  });

  test('two runs started together on one SQLite state file: one writes, the other is refused by the lock; no duplicates', async () => {
    const clock = new TestClock(Date.parse(T0));
    const fake = await startFake(clock);
    const dir = mkdtempSync(join(tmpdir(), 'lg-gh-lock-'));
    try {
      const file = join(dir, 'state.db');
      const [dbA, dbB] = [new Database(file), new Database(file)];
      const incidents = relatedPair();
      const [a, b] = await Promise.all([runSync(fake, clock, incidents, new SqliteGithubState(dbA)), runSync(fake, clock, incidents, new SqliteGithubState(dbB))]);
      // Usually one is refused by the lock; if the first finished before the second asked, the
      // second's create-reconciliation adopts the issues by marker instead. Never a duplicate.
      assert.ok([a, b].some((x) => x.applied?.lock === 'acquired'));
      assertNoDuplicates(fake, incidents.map((i) => i.key));
      // The journal and issue numbers are in the file: killed after 3 writes, resumed from it.
      const fake2 = await startFake(clock);
      try {
        fake2.dieAfterWrites({ afterWrites: 3, mode: 'reset', commitFatalWrite: true });
        const dbC = new Database(join(dir, 'resume.db'));
        await runSync(fake2, clock, incidents, new SqliteGithubState(dbC));
        fake2.revive();
        dbC.close();
        const dbD = new Database(join(dir, 'resume.db'));
        const again = await runSync(fake2, clock, incidents, new SqliteGithubState(dbD));
        assert.equal(again.applied?.counts.failed, 0);
        assertNoDuplicates(fake2, incidents.map((i) => i.key));
        dbD.close();
      } finally {
        await fake2.stop();
      }
      dbA.close();
      dbB.close();
    } finally {
      await fake.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a GitHub Actions token cannot read /user: the bot login comes from configuration, or the run stops with an auth error', async () => {
    const clock = new TestClock(Date.parse(T0));
    const fake = new FakeGithub({ tokens: { 'actions-token': { login: 'github-actions[bot]', id: 41898282, type: 'Bot' } }, tokensWithoutUserAccess: ['actions-token'], now: () => clock.now() });
    await fake.start();
    try {
      const port = createOctokitPort({ token: 'actions-token', baseUrl: fake.baseUrl, throttle: false, retries: 0, clock });
      const incidents = relatedPair();
      const sync = (config: object) =>
        syncGithub({ repo: REPO, incidents, config: githubConfigSchema.parse(config), port, state: new MemoryGithubState(), apply: true, runId: 'actions', clock, sleep: clock.sleep });
      await assert.rejects(sync({}), (e: unknown) => e instanceof GithubError && e.kind === 'auth' && /botLogin/.test(e.hint ?? ''));
      assert.equal(fake.writes().length, 0);
      const r = await sync({ botLogin: 'github-actions[bot]' });
      assert.equal(r.plan.botLogin, 'github-actions[bot]');
      assert.equal(r.applied?.counts.failed, 0);
      const before = fake.writes().length;
      await sync({ botLogin: 'github-actions[bot]' });
      assert.equal(fake.writes().length, before, 'its own issues are recognised on the next run');
    } finally {
      await fake.stop();
    }
  });

  test('a concurrent run holding the lock makes the other write nothing', async () => {
    const clock = new TestClock(Date.parse(T0));
    const fake = await startFake(clock);
    try {
      const state = new MemoryGithubState();
      assert.ok(await state.acquireLock(REPO_NAME, 'other-run', clock.now().toISOString(), 15 * 60_000));
      const r = await runSync(fake, clock, relatedPair(), state);
      assert.equal(r.applied?.lock, 'held');
      assert.equal(fake.writes().length, 0);
      assert.ok(r.applied!.results.every((x) => x.status === 'failed' && /holds the lock/.test(x.reason)));
      clock.advance(16 * 60_000); // the other run's lock expired (it crashed)
      const r2 = await runSync(fake, clock, relatedPair(), state);
      assert.equal(r2.applied?.lock, 'acquired');
      assert.equal(r2.applied?.counts.failed, 0);
    } finally {
      await fake.stop();
    }
  });

  test('a failed read (at planning or right before writing) writes nothing for that incident and reports it', async () => {
    const clock = new TestClock(Date.parse(T0));
    const fake = await startFake(clock);
    try {
      const state = new MemoryGithubState();
      const incidents = relatedPair();
      await runSync(fake, clock, incidents, state);
      const changed = incidents.map((i) => ({ ...i, count: i.count + 5 }));
      const [a, b, c] = changed.map((i) => issueFor(fake, i.key)[0]!.number) as [number, number, number];
      const real = createOctokitPort({ token: 'test-token', baseUrl: fake.baseUrl, throttle: false, retries: 0, clock });
      const failing = new Set<number>([a]);
      const port: GithubPort = {
        ...real,
        listComments: async (repo, n) => {
          if (failing.has(n)) throw new GithubError('server', `list comments of #${n}`, 'HTTP 502: Bad Gateway', { status: 502 });
          return real.listComments(repo, n);
        },
      };
      const config = githubConfigSchema.parse({});
      const snapshot = await readGithubSnapshot(port, REPO, { config, incidentKeys: changed.map((i) => i.key), issueByKey: await state.issueNumbers(REPO_NAME), clock });
      assert.deepEqual(snapshot.readFailures.map((f) => f.issueNumber), [a]);
      const plan = planGithubSync({ incidents: changed, snapshot, state: { issueByKey: await state.issueNumbers(REPO_NAME), writesLastHour: 0 }, config, now: clock.now() });
      failing.add(b); // and #b fails at apply time, right before its write
      const before = fake.writes().length;
      const r = await applyGithubPlan(plan, port, state, { runId: 'r-read', clock, sleep: clock.sleep });
      const touched = fake.writes().slice(before).map((w) => w.path);
      assert.ok(touched.every((p) => !p.includes(`/issues/${a}`) && !p.includes(`/issues/${b}`)), touched.join(', '));
      const byIssue = (n: number) => r.results.filter((x) => x.issueNumber === n);
      assert.ok(byIssue(a).every((x) => x.status === 'failed') && /could not read issue/.test(byIssue(a)[0]!.reason));
      assert.ok(byIssue(b).some((x) => x.status === 'failed' && /502/.test(x.reason)));
      assert.ok(byIssue(c).every((x) => x.status === 'done'));
      assert.ok(fake.comments(REPO_NAME, c).some((x) => x.body.includes(String(changed[2]!.count))));
    } finally {
      await fake.stop();
    }
  });
});

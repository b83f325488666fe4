import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeGithub, SECONDARY_LIMIT_MESSAGE } from '../fakes/github-server.js';
import { assertTrafficMatchesOpenApi } from '../fakes/github-contract.js';
import { validateResponseBody } from '../fakes/openapi.js';
import { createOctokitPort } from '../../src/sinks/github/octokit-port.js';
import { GithubError } from '../../src/sinks/github/errors.js';

// Must-show 1: the fake GitHub server, its requests and responses validated against GitHub's
// official OpenAPI description: pagination, issues, comments, labels, secondary rate limits with
// Retry-After, 5xx, and dying after N writes.

const repo = { owner: 'acme', repo: 'shop' };
const repoName = 'acme/shop';

async function withFake<T>(fn: (fake: FakeGithub) => Promise<T>): Promise<T> {
  const fake = new FakeGithub({ tokens: { 'test-token': { login: 'gardener-bot', id: 1, type: 'Bot' } } });
  await fake.start();
  try {
    return await fn(fake);
  } finally {
    await fake.stop();
  }
}

const fastPort = (fake: FakeGithub, extra: Partial<Parameters<typeof createOctokitPort>[0]> = {}) =>
  createOctokitPort({ token: 'test-token', baseUrl: fake.baseUrl, throttle: false, retries: 0, retryAfterBaseValue: 1, ...extra });

describe('fake GitHub server against the OpenAPI description', () => {
  test('issues: create, get, update with state_reason, list with filters', () =>
    withFake(async (fake) => {
      const port = fastPort(fake);
      const a = await port.createIssue(repo, { title: 'first', body: 'body a', labels: ['log-gardener', 'P1'] });
      const b = await port.createIssue(repo, { title: 'second', body: 'body b', labels: ['P2'] });
      fake.seedIssue(repoName, { title: 'by a human', body: 'x', author: { login: 'alice', id: 7 } });
      assert.equal(a.number, 1);
      assert.equal(a.author, 'gardener-bot');
      assert.deepEqual((await port.getIssue(repo, 2)).labels, ['P2']);
      const closed = await port.updateIssue(repo, b.number, { state: 'closed', stateReason: 'not_planned' });
      assert.equal(closed.state, 'closed');
      assert.equal(closed.stateReason, 'not_planned');
      assert.ok(closed.closedAt);
      assert.deepEqual((await port.listIssues(repo, { state: 'open' })).map((i) => i.number), [1, 3]);
      assert.deepEqual((await port.listIssues(repo, { state: 'all', creator: 'gardener-bot' })).map((i) => i.number), [1, 2]);
      assert.deepEqual((await port.listIssues(repo, { state: 'all', labels: ['log-gardener', 'P1'] })).map((i) => i.number), [1]);
      const reopened = await port.updateIssue(repo, b.number, { state: 'open' });
      assert.equal(reopened.stateReason, 'reopened');
      assert.equal(assertTrafficMatchesOpenApi(fake), 8);
    }));

  test('pagination follows RFC 5988 Link headers over every page', () =>
    withFake(async (fake) => {
      for (let i = 0; i < 7; i++) fake.seedIssue(repoName, { title: `t${i}`, body: 'b', author: { login: 'gardener-bot', id: 1 } });
      const port = fastPort(fake);
      const all = await port.listIssues(repo, { state: 'all', perPage: 3 });
      assert.deepEqual(all.map((i) => i.number), [1, 2, 3, 4, 5, 6, 7]);
      const lists = fake.requests.filter((r) => r.route === '/repos/{owner}/{repo}/issues' && r.method === 'GET');
      assert.equal(lists.length, 3, 'three pages of three');
      assert.match(lists[0]!.headers.link ?? '', /<http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/shop\/issues\?[^>]*page=2[^>]*>; rel="next", <[^>]*page=3[^>]*>; rel="last"/);
      assert.equal(lists[2]!.headers.link?.includes('rel="next"'), false);
      assertTrafficMatchesOpenApi(fake);
    }));

  test('comments and labels: list, create, update; a duplicate label is a 422', () =>
    withFake(async (fake) => {
      const port = fastPort(fake);
      const issue = await port.createIssue(repo, { title: 't', body: 'b', labels: [] });
      const c = await port.createComment(repo, issue.number, 'hello');
      await port.createComment(repo, issue.number, 'second');
      const edited = await port.updateComment(repo, c.id, 'hello, edited');
      assert.equal(edited.body, 'hello, edited');
      assert.deepEqual((await port.listComments(repo, issue.number)).map((x) => x.body), ['hello, edited', 'second']);
      await port.createLabel(repo, { name: 'log-gardener', color: '0e8a16', description: 'Filed by log-gardener' });
      await assert.rejects(port.createLabel(repo, { name: 'log-gardener', color: '0e8a16' }), (e: unknown) => e instanceof GithubError && e.status === 422);
      assert.deepEqual((await port.listLabels(repo)).map((l) => l.name), ['log-gardener']);
      const me = await port.getAuthenticatedUser();
      assert.equal(me.login, 'gardener-bot');
      assertTrafficMatchesOpenApi(fake);
    }));

  test('bad credentials are a 401 auth error; an Actions-like token cannot read /user', async () => {
    const fake = new FakeGithub({ tokens: { 'actions-token': { login: 'github-actions[bot]', id: 41898282, type: 'Bot' } }, tokensWithoutUserAccess: ['actions-token'] });
    await fake.start();
    try {
      await assert.rejects(createOctokitPort({ token: 'nope', baseUrl: fake.baseUrl, throttle: false }).listLabels(repo), (e: unknown) => e instanceof GithubError && e.failure === 'auth' && e.status === 401);
      await assert.rejects(createOctokitPort({ token: 'actions-token', baseUrl: fake.baseUrl, throttle: false }).getAuthenticatedUser(), (e: unknown) => e instanceof GithubError && e.status === 403);
      assertTrafficMatchesOpenApi(fake);
    } finally {
      await fake.stop();
    }
  });

  test('secondary rate limit: 403 with retry-after and the documented message, surfaced as a rate-limit error', () =>
    withFake(async (fake) => {
      fake.secondaryLimit({ afterWrites: 2, rejections: 1, status: 403, retryAfterSeconds: 7 });
      const port = fastPort(fake);
      await port.createIssue(repo, { title: 'a', body: 'b', labels: [] });
      await port.createIssue(repo, { title: 'b', body: 'b', labels: [] });
      await assert.rejects(port.createIssue(repo, { title: 'c', body: 'b', labels: [] }), (e: unknown) => e instanceof GithubError && e.failure === 'rate-limit' && e.retryAfterMs === 7000 && e.status === 403);
      const refused = fake.requests.find((r) => r.status === 403)!;
      assert.equal(refused.headers['retry-after'], '7');
      assert.deepEqual(Object.keys(refused.responseBody as object).sort(), ['documentation_url', 'message']);
      assert.equal((refused.responseBody as { message: string }).message, SECONDARY_LIMIT_MESSAGE);
      await port.createIssue(repo, { title: 'c', body: 'b', labels: [] });
      assert.equal(fake.issues(repoName).length, 3);
      assertTrafficMatchesOpenApi(fake);
    }));

  test('secondary rate limit as 429: the throttling plugin waits Retry-After and retries', () =>
    withFake(async (fake) => {
      fake.secondaryLimit({ afterWrites: 0, rejections: 1, status: 429, retryAfterSeconds: 3 });
      const waits: number[] = [];
      // retryAfterBaseValue 1: one "second" of Retry-After is waited as 1 ms, so the test stays fast.
      const port = createOctokitPort({ token: 'test-token', baseUrl: fake.baseUrl, retryAfterBaseValue: 1, onLimit: (e) => waits.push(e.retryAfterSeconds) });
      await port.createComment(repo, fake.seedIssue(repoName, { title: 't', body: 'b', author: { login: 'x', id: 9 } }), 'after the wait');
      assert.deepEqual(waits, [3]);
      assert.deepEqual(fake.requests.filter((r) => r.write).map((r) => r.status), [429, 201]);
      assert.equal(validateResponseBody('/repos/{owner}/{repo}/issues/{issue_number}/comments', 'POST', 429, fake.requests[0]!.responseBody).ok, true);
      assertTrafficMatchesOpenApi(fake);
    }));

  test('5xx: idempotent reads are retried by the retry plugin; the error is typed when retries run out', () =>
    withFake(async (fake) => {
      fake.failNext(2, 502);
      const port = fastPort(fake, { retries: 2 });
      assert.deepEqual(await port.listLabels(repo), []);
      assert.deepEqual(fake.requests.map((r) => r.status), [502, 502, 200]);
      fake.failNext(5, 503);
      await assert.rejects(fastPort(fake, { retries: 1 }).listLabels(repo), (e: unknown) => e instanceof GithubError && e.failure === 'server' && e.status === 503);
      assertTrafficMatchesOpenApi(fake);
    }));

  test('creates are never retried blindly: a 5xx on POST reaches the caller after one attempt', () =>
    withFake(async (fake) => {
      fake.failNext(1, 500);
      const port = fastPort(fake, { retries: 3 });
      await assert.rejects(port.createIssue(repo, { title: 'x', body: 'y', labels: [] }), (e: unknown) => e instanceof GithubError && e.failure === 'server');
      assert.equal(fake.requests.length, 1);
    }));

  test('dying after N writes: 500 forever, or a reset after committing the fatal write', () =>
    withFake(async (fake) => {
      fake.dieAfterWrites({ afterWrites: 2, mode: '500' });
      const port = fastPort(fake);
      await port.createIssue(repo, { title: 'a', body: 'b', labels: [] });
      await port.createIssue(repo, { title: 'b', body: 'b', labels: [] });
      await assert.rejects(port.createIssue(repo, { title: 'c', body: 'b', labels: [] }), (e: unknown) => e instanceof GithubError && e.failure === 'server');
      await assert.rejects(port.listLabels(repo), (e: unknown) => e instanceof GithubError && e.status === 500);
      assert.equal(fake.issues(repoName).length, 2);
      assertTrafficMatchesOpenApi(fake);

      fake.revive();
      fake.dieAfterWrites({ afterWrites: 2, mode: 'reset', commitFatalWrite: true });
      await assert.rejects(port.createIssue(repo, { title: 'committed but unanswered', body: 'b', labels: [] }), (e: unknown) => e instanceof GithubError && e.failure === 'network');
      assert.equal(fake.issues(repoName).length, 3, 'the fatal write was carried out before the reset');
      assert.equal(fake.requests.at(-1)!.outcome, 'reset');
    }));
});

describe('a hung connection', () => {
  test('times out as a network error instead of hanging the run', () =>
    withFake(async (fake) => {
      fake.hang();
      await assert.rejects(fastPort(fake, { timeoutMs: 150 }).listLabels(repo), (e: unknown) => e instanceof GithubError && e.failure === 'network');
      fake.revive();
    }));
});

describe('OpenAPI validation catches a wrong body', () => {
  let fakeBase: FakeGithub;
  before(async () => {
    fakeBase = new FakeGithub();
    await fakeBase.start();
  });
  after(() => fakeBase.stop());
  test('an issue without required fields is rejected by the validator', () => {
    const r = validateResponseBody('/repos/{owner}/{repo}/issues/{issue_number}', 'GET', 200, { number: 1, title: 'x' });
    assert.equal(r.ok, false);
    assert.match(r.errors, /required property 'node_id'|required property 'id'/);
  });
});

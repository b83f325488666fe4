import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toGithubError } from './errors.js';

// One conversion point: every failure shape Octokit can throw becomes a typed GithubError.

const now = Date.parse('2026-03-01T10:00:00Z');
const http = (status: number, message: string, headers: Record<string, string> = {}, data: unknown = { message }) => ({ status, message, response: { headers, data } });

test('secondary limit with Retry-After', () => {
  const e = toGithubError('create issue', http(403, 'You have exceeded a secondary rate limit', { 'retry-after': '42' }), now);
  assert.deepEqual([e.failure, e.status, e.retryAfterMs, e.kind], ['rate-limit', 403, 42_000, 'remote']);
  assert.ok(e.cause);
  assert.match(e.message, /^GitHub create issue: rate limited/);
});

test('secondary limit without Retry-After waits a minute; 429 counts too', () => {
  assert.equal(toGithubError('x', http(403, 'You have exceeded a secondary rate limit'), now).retryAfterMs, 60_000);
  assert.equal(toGithubError('x', http(429, 'Too many', { 'retry-after': '3' }), now).retryAfterMs, 3000);
});

test('primary limit: x-ratelimit-reset (epoch seconds) becomes a wait from the injected clock', () => {
  const reset = String(now / 1000 + 120);
  const e = toGithubError('x', http(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), now);
  assert.deepEqual([e.failure, e.retryAfterMs], ['rate-limit', 121_000]);
});

test('auth, not found, invalid, server, network', () => {
  assert.equal(toGithubError('x', http(401, 'Bad credentials'), now).kind, 'auth');
  assert.equal(toGithubError('x', http(403, 'Resource not accessible by integration'), now).failure, 'auth');
  assert.equal(toGithubError('x', http(404, 'Not Found'), now).failure, 'not-found');
  assert.equal(toGithubError('x', http(422, 'Validation Failed'), now).failure, 'invalid');
  assert.equal(toGithubError('x', http(502, 'Bad Gateway'), now).failure, 'server');
  assert.equal(toGithubError('x', { status: 500, message: 'other side closed' }, now).failure, 'network');
  assert.equal(toGithubError('x', new TypeError('fetch failed'), now).failure, 'network');
});

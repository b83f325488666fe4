import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_BACKOFF, RollingRateLimiter, backoffDelay, seededRandom } from './pacing.js';
import { fakeTime } from '../../../test/fakes/logging-server.js';

test('the limiter lets 3 through per rolling window, then waits exactly until the oldest leaves', async () => {
  const time = fakeTime('2025-01-01T00:00:00Z');
  const lim = new RollingRateLimiter(3, 60_000, time, time.sleep);
  for (let i = 0; i < 3; i++) {
    assert.equal(await lim.acquire(), 0);
    time.advance(10_000);
  }
  assert.equal(await lim.acquire(), 30_000, 'first request at 0s leaves the window at 60s; now is 30s');
  assert.equal(time.now().toISOString(), '2025-01-01T00:01:00.000Z');
});

test('backoff doubles with jitter within [half, full], is capped, and a server delay wins', () => {
  const r = seededRandom(1);
  for (let attempt = 0; attempt < 8; attempt++) {
    const full = Math.min(DEFAULT_BACKOFF.maxMs, DEFAULT_BACKOFF.baseMs * 2 ** attempt);
    const d = backoffDelay(attempt, r, DEFAULT_BACKOFF);
    assert.ok(d >= full / 2 && d <= full, `attempt ${attempt}: ${d}`);
  }
  assert.equal(backoffDelay(0, r, DEFAULT_BACKOFF, 30_000), 30_000);
  assert.equal(backoffDelay(0, r, DEFAULT_BACKOFF, 3_600_000), DEFAULT_BACKOFF.maxServerDelayMs);
  const [a, b] = [seededRandom(5), seededRandom(5)];
  const seqA = [a(), a(), a()];
  assert.deepEqual(seqA, [b(), b(), b()], 'same seed, same jitter');
  assert.ok(seqA.every((x) => x >= 0 && x < 1) && new Set(seqA).size === 3);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WriteBudget } from './budget.js';

function sim(start = 0) {
  let t = start;
  const slept: number[] = [];
  return { clock: { now: () => new Date(t) }, sleep: async (ms: number) => { slept.push(ms); t += ms; }, slept, advance: (ms: number) => (t += ms) };
}

test('per-minute budget waits for the window when allowed', async () => {
  const s = sim();
  const b = new WriteBudget({ perMinute: 2, perHour: 100, maxWaitMs: 120_000 }, s.clock, s.sleep, { lastMinute: 0, lastHour: 0 });
  for (let i = 0; i < 6; i++) assert.deepEqual(await b.take(), { ok: true });
  assert.deepEqual(s.slept, [60_000, 60_000]);
  assert.equal(b.waited, 120_000);
  const r = await b.take();
  assert.equal(r.ok, false);
  assert.match((r as { reason: string }).reason, /2 writes\/minute spent/);
});

test('earlier runs count towards the hourly budget', async () => {
  const s = sim(Date.parse('2026-03-01T00:00:00Z'));
  const b = new WriteBudget({ perMinute: 100, perHour: 3, maxWaitMs: 0 }, s.clock, s.sleep, { lastMinute: 0, lastHour: 2 });
  assert.equal((await b.take()).ok, true);
  const r = await b.take();
  assert.equal(r.ok, false);
  assert.match((r as { reason: string }).reason, /3 writes\/hour/);
  assert.deepEqual(s.slept, []);
});

test('wait() refuses beyond the allowance without sleeping', async () => {
  const s = sim();
  const b = new WriteBudget({ perMinute: 1, perHour: 1, maxWaitMs: 1000 }, s.clock, s.sleep, { lastMinute: 0, lastHour: 0 });
  assert.equal(await b.wait(600), true);
  assert.equal(await b.wait(600), false);
  assert.deepEqual(s.slept, [600]);
});

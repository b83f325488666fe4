import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../core/clock.js';
import { GardenerError } from '../../core/errors.js';
import { cursorAfterRead, resolveWindow } from './window.js';
import { parseDuration, parseInstant } from './time.js';

const clock = fixedClock('2025-11-02T09:17:23.456Z');

test('--since 1h ends now, exactly, in UTC', () => {
  assert.deepEqual(resolveWindow({ since: '1h' }, clock), {
    from: '2025-11-02T08:17:23.456Z',
    to: '2025-11-02T09:17:23.456Z',
    basis: '--since 1h: 1h up to 2025-11-02T09:17:23.456Z',
  });
  assert.equal(resolveWindow({ since: '1h30m' }, clock).from, '2025-11-02T07:47:23.456Z');
  assert.equal(resolveWindow({ since: '2d' }, clock).from, '2025-10-31T09:17:23.456Z');
});

test('--from/--to with offsets across the US DST change resolve to exact UTC', () => {
  // 2025-11-02 01:30 happens twice in Los Angeles: PDT (-07:00) then PST (-08:00), an hour apart.
  const w = resolveWindow({ from: '2025-11-02T01:30:00-07:00', to: '2025-11-02T01:30:00-08:00' }, fixedClock('2025-11-03T00:00:00Z'));
  assert.equal(w.from, '2025-11-02T08:30:00.000Z');
  assert.equal(w.to, '2025-11-02T09:30:00.000Z');
  // Spring forward: 02:30 does not exist on the wall clock, but with an offset it is exact.
  assert.equal(parseInstant('2025-03-09T02:30:00-08:00'), Date.parse('2025-03-09T10:30:00Z'));
  assert.equal(parseInstant('2025-09-07T13:00:00+0530'), Date.parse('2025-09-07T07:30:00Z'));
  assert.equal(parseInstant('2025-09-07 13:00:00.123456Z'), Date.parse('2025-09-07T13:00:00.123Z'));
});

test('a time without zone is refused, with a message that says to add Z', () => {
  assert.throws(
    () => resolveWindow({ from: '2025-09-07T13:00:00', to: '2025-09-07T14:00:00Z' }, clock),
    (err: unknown) => err instanceof GardenerError && err.kind === 'usage' && /no time zone/.test(err.message) && /add Z/.test(err.hint ?? ''),
  );
  assert.throws(() => parseInstant('2025-09-07T13:00:00 PDT'), /not an ISO 8601 date-time/);
  assert.throws(() => parseInstant('2025-02-30T00:00:00Z'), /not a valid calendar date-time/);
});

test('a window ending in the future is clamped to now, and says so', () => {
  const w = resolveWindow({ from: '2025-11-02T09:00:00Z', to: '2025-11-02T12:00:00Z' }, clock);
  assert.equal(w.to, '2025-11-02T09:17:23.456Z');
  assert.match(w.basis, /is in the future; clamped to now/);
  assert.throws(() => resolveWindow({ from: '2025-11-03T00:00:00Z' }, clock), /empty window/);
});

test('empty or inverted windows and conflicting flags are refused', () => {
  assert.throws(() => resolveWindow({ from: '2025-09-07T14:00:00Z', to: '2025-09-07T14:00:00Z' }, clock), /empty window/);
  assert.throws(() => resolveWindow({ since: '1h', from: '2025-09-07T14:00:00Z' }, clock), /--since and --from/);
  assert.throws(() => resolveWindow({}, clock), /no time window/);
  assert.throws(() => parseDuration('1 hour'), /not a duration/);
});

test('--since last resumes from the cursor minus the overlap', () => {
  const w = resolveWindow({ since: 'last' }, clock, { readUpTo: '2025-11-02T08:00:00.000Z' });
  assert.equal(w.from, '2025-11-02T07:55:00.000Z');
  assert.equal(w.to, '2025-11-02T09:17:23.456Z');
  assert.match(w.basis, /previous run read up to 2025-11-02T08:00:00.000Z, minus 5m overlap/);
  assert.equal(resolveWindow({ since: 'last', overlap: '10m' }, clock, { readUpTo: '2025-11-02T08:00:00Z' }).from, '2025-11-02T07:50:00.000Z');
});

test('--since last without a cursor fails clearly, or uses the configured fallback', () => {
  assert.throws(
    () => resolveWindow({ since: 'last' }, clock),
    (err: unknown) => err instanceof GardenerError && /no earlier run/.test(err.message) && /--since 1h/.test(err.hint ?? ''),
  );
  const w = resolveWindow({ since: 'last', lastFallback: '1h' }, clock);
  assert.equal(w.from, '2025-11-02T08:17:23.456Z');
  assert.match(w.basis, /no earlier run/);
});

test('the next cursor is the window end after a complete read, else how far the read got', () => {
  const w = { from: '2025-11-02T08:00:00.000Z', to: '2025-11-02T09:00:00.000Z' };
  assert.equal(cursorAfterRead(w, { complete: true }), w.to);
  assert.equal(cursorAfterRead(w, { complete: false, readUpTo: '2025-11-02T08:31:00.000Z' }), '2025-11-02T08:31:00.000Z');
  assert.equal(cursorAfterRead(w, { complete: false }), w.from);
});

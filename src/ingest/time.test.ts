import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDurationMs, parseTimestamp } from './time.js';

test('nanosecond timestamps keep their digits and give the exact millisecond', () => {
  const t = parseTimestamp('2025-09-07T13:35:28.478926761Z');
  assert.deepEqual(t, { iso: '2025-09-07T13:35:28.478926761Z', ms: Date.UTC(2025, 8, 7, 13, 35, 28, 478) });
});

test('offsets are converted to UTC, fraction kept', () => {
  assert.deepEqual(parseTimestamp('2025-09-07T15:35:00.019310+02:00'), { iso: '2025-09-07T13:35:00.019310Z', ms: Date.UTC(2025, 8, 7, 13, 35, 0, 19) });
  assert.equal(parseTimestamp('2025-09-07T00:30:00-0130')?.iso, '2025-09-07T02:00:00Z');
  // Crossing midnight backwards into the previous day.
  assert.equal(parseTimestamp('2025-09-07T00:30:00+01:00')?.iso, '2025-09-06T23:30:00Z');
});

test('space-separated and comma-fraction forms, no zone taken as UTC', () => {
  assert.deepEqual(parseTimestamp('2025-09-07 13:35:00,013'), { iso: '2025-09-07T13:35:00.013Z', ms: Date.UTC(2025, 8, 7, 13, 35, 0, 13) });
});

test('proto-JSON {seconds, nanos}', () => {
  assert.deepEqual(parseTimestamp({ seconds: '1757252128', nanos: 5000000 }), { iso: '2025-09-07T13:35:28.005000000Z', ms: 1757252128005 });
});

test('garbage does not parse', () => {
  assert.equal(parseTimestamp('yesterday'), undefined);
  assert.equal(parseTimestamp('2025-13-01T00:00:00Z'), undefined);
  assert.equal(parseTimestamp(42), undefined);
});

test('latency durations in milliseconds, from the decimal digits', () => {
  assert.equal(parseDurationMs('0.123s'), 123);
  assert.equal(parseDurationMs('0.007600487s'), 7.600487);
  assert.equal(parseDurationMs('26.367220221s'), 26367.220221);
  assert.equal(parseDurationMs('3s'), 3000);
  assert.equal(parseDurationMs({ seconds: 1, nanos: 500000000 }), 1500);
  assert.equal(parseDurationMs('12ms'), undefined);
});

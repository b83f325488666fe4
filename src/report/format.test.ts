import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactUtcStamp, formatDecimal, formatDuration, formatInt, formatPercent } from './format.js';

test('formatInt groups thousands with commas, whatever the locale', () => {
  assert.equal(formatInt(0), '0');
  assert.equal(formatInt(999), '999');
  assert.equal(formatInt(1000), '1,000');
  assert.equal(formatInt(1234567), '1,234,567');
  assert.equal(formatInt(-12345), '-12,345');
});

test('formatDecimal drops trailing zeros and keeps small negatives', () => {
  assert.equal(formatDecimal(4.2), '4.2');
  assert.equal(formatDecimal(4.256), '4.26');
  assert.equal(formatDecimal(3), '3');
  assert.equal(formatDecimal(12345.5), '12,345.5');
  assert.equal(formatDecimal(-0.5), '-0.5');
  assert.equal(formatDecimal(0.004), '0');
});

test('formatPercent uses one decimal', () => {
  assert.equal(formatPercent(0.4231), '42.3%');
  assert.equal(formatPercent(1), '100%');
  assert.equal(formatPercent(0), '0%');
});

test('compactUtcStamp is filesystem-safe and normalizes offsets to UTC', () => {
  assert.equal(compactUtcStamp('2025-09-07T13:20:00Z'), '20250907T132000Z');
  assert.equal(compactUtcStamp('2025-09-07T15:20:00+02:00'), '20250907T132000Z');
  assert.equal(compactUtcStamp('2025-09-07T13:20:00.250Z'), '20250907T132000.250Z');
  assert.throws(() => compactUtcStamp('yesterday'), /not an ISO timestamp/);
});

test('formatDuration', () => {
  assert.equal(formatDuration(60), '60 min');
  assert.equal(formatDuration(1440), '24 h');
  assert.equal(formatDuration(90.5), '90.5 min');
});

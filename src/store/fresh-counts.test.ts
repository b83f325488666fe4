import assert from 'node:assert/strict';
import { it } from 'node:test';
import { countFresh } from './fresh-counts.js';

it('countFresh counts only fresh entries, per minute, sorted', () => {
  const t = Date.parse('2025-09-07T13:21:30Z');
  const entries = [
    { insertId: 'a', timeMs: t },
    { insertId: 'b', timeMs: t + 10_000 },
    { insertId: 'c', timeMs: t - 60_000 },
    { insertId: 'old', timeMs: t },
  ];
  assert.deepEqual(countFresh(entries, new Set(['a', 'b', 'c'])), [
    { minute: '2025-09-07T13:20:00.000Z', count: 1 },
    { minute: '2025-09-07T13:21:00.000Z', count: 2 },
  ]);
  assert.deepEqual(countFresh(entries, new Set()), []);
});

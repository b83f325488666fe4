import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isObserved, observedMinutes, sumObserved } from './baseline.js';

const M = 60_000;
const T = Date.parse('2025-09-07T10:00:00Z');
const DAY = 86_400_000;

describe('observed minutes', () => {
  it('widens windows to whole minutes and merges overlaps and touching windows', () => {
    const o = observedMinutes(
      [
        { fromMs: T + 30_000, toMs: T + 2 * M + 1 }, // [10:00, 10:03)
        { fromMs: T + 3 * M, toMs: T + 5 * M }, // touches: [10:03, 10:05)
        { fromMs: T + 10 * M, toMs: T + 12 * M },
        { fromMs: T + 11 * M, toMs: T + 11 * M + 10 }, // inside the previous one
      ],
      7 * DAY,
    );
    assert.deepEqual(o.intervals, [
      [T, T + 5 * M],
      [T + 10 * M, T + 12 * M],
    ]);
    assert.equal(o.minutes, 7);
    assert.equal(isObserved(o, T + 4 * M), true);
    assert.equal(isObserved(o, T + 5 * M), false, 'intervals are half-open');
    assert.equal(isObserved(o, T + 11 * M), true);
    assert.equal(isObserved(o, T - M), false);
  });

  it('clips to the baseline horizon behind the newest window end', () => {
    const o = observedMinutes(
      [
        { fromMs: T, toMs: T + 60 * M },
        { fromMs: T + DAY + 30 * M, toMs: T + DAY + 40 * M },
      ],
      DAY,
    );
    assert.equal(o.horizonMs, T + 40 * M);
    assert.equal(o.minutes, 20 + 10, 'the last 20 minutes of the first window and the whole second one');
  });

  it('is empty without windows, and sums counts of observed minutes only', () => {
    assert.equal(observedMinutes([], DAY).minutes, 0);
    const o = observedMinutes([{ fromMs: T, toMs: T + 2 * M }], DAY);
    const sums = sumObserved(o, [
      { key: 'a', minuteMs: T, count: 3 },
      { key: 'a', minuteMs: T + M, count: 4 },
      { key: 'a', minuteMs: T + 2 * M, count: 100 },
      { key: 'b', minuteMs: T - M, count: 5 },
    ]);
    assert.deepEqual([...sums], [['a', 7]]);
  });
});

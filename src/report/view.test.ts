import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketMinutes, clipText, orderedIncidents, samplesOf, sparkline } from './view.js';
import { buildRunReport, crashLoopIncident, jwtIncident } from './testdata/fixtures.js';

test('orderedIncidents: priority, then score, then count, then key, whatever the input order', () => {
  const r = buildRunReport();
  const keys = orderedIncidents(r).map((i) => i.key);
  assert.deepEqual(keys, ['7e8f9a0b1c2d3e4f', '3f9a1c2b7d4e5f60', 'a1b2c3d4e5f60718']);
  const reversed = orderedIncidents({ ...r, incidents: [...r.incidents].reverse() }).map((i) => i.key);
  assert.deepEqual(reversed, keys);
  const tieA = jwtIncident({ key: 'b' });
  const tieB = jwtIncident({ key: 'a' });
  assert.deepEqual(orderedIncidents({ ...r, incidents: [tieA, tieB] }).map((i) => i.key), ['a', 'b']);
});

test('bucketMinutes: one cell per minute for an hour, zeros included', () => {
  const b = bucketMinutes({ from: '2025-09-07T13:20:00Z', to: '2025-09-07T14:20:00Z' }, jwtIncident().perMinute);
  assert.equal(b.bucketMinutes, 1);
  assert.equal(b.cells.length, 60);
  assert.equal(b.cells[17]?.start, '2025-09-07T13:37:00Z');
  assert.equal(b.cells[17]?.count, 150);
  assert.equal(b.cells.reduce((a, c) => a + c.count, 0), 412);
});

test('bucketMinutes: a day is summed into 60 cells of 24 minutes, totals preserved', () => {
  const counts = [
    { minute: '2025-09-07T00:00:00Z', count: 1 },
    { minute: '2025-09-07T00:23:00Z', count: 2 },
    { minute: '2025-09-07T00:24:00Z', count: 4 },
    { minute: '2025-09-08T00:00:00Z', count: 99 }, // outside the window: ignored
  ];
  const b = bucketMinutes({ from: '2025-09-07T00:00:00Z', to: '2025-09-08T00:00:00Z' }, counts);
  assert.equal(b.bucketMinutes, 24);
  assert.equal(b.cells.length, 60);
  assert.equal(b.cells[0]?.count, 3);
  assert.equal(b.cells[1]?.count, 4);
  assert.equal(b.cells[1]?.start, '2025-09-07T00:24:00Z');
});

test('sparkline: zero is the lowest bar, any non-zero value shows, the max is full', () => {
  assert.equal(sparkline([0, 1, 150, 75, 0]), '▁▂█▅▁');
  assert.equal(sparkline([0, 0]), '▁▁');
  assert.equal(sparkline([]), '');
});

test('samplesOf: at most three, the incident samples first, unique by insertId', () => {
  const inc = crashLoopIncident();
  const s = samplesOf(inc);
  assert.deepEqual(s.map((x) => x.insertId), ['68bd8b02000a11b2c3d4e5f6', '68bd8b02000a11b2c3d4e5f9']);
  assert.equal(samplesOf(inc, 1).length, 1);
});

test('clipText: cuts long text at a line end, never inside a surrogate pair, and counts the rest', () => {
  assert.deepEqual(clipText('short', 10), { text: 'short', omitted: 0 });
  const lines = 'aaaa\nbbbb\ncccc\ndddd';
  assert.deepEqual(clipText(lines, 12), { text: 'aaaa\nbbbb', omitted: lines.length - 9 });
  const emoji = 'x'.repeat(9) + '😀' + 'y'.repeat(10);
  const c = clipText(emoji, 10);
  assert.equal(c.text, 'x'.repeat(9));
  assert.equal(c.text.length + c.omitted, emoji.length);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTitle } from './title.js';
import { sparkline } from './sparkline.js';

const f = { classification: 'regression', priority: 'P1', title: 'KeyError in checkout', service: 'shop', key: 'abc' };

test('default title convention and custom templates', () => {
  assert.equal(renderTitle('GCP-{classification} | {priority} | {title}', f), 'GCP-regression | P1 | KeyError in checkout');
  assert.equal(renderTitle('[{service}] {title} ({key})', f), '[shop] KeyError in checkout (abc)');
});

test('titles are neutralized, redacted, one line, at most 256 characters', () => {
  const t = renderTitle('{title}', { ...f, title: 'ping @alice re #12\npassword=hunter2 ' + 'x'.repeat(400) });
  assert.ok(t.includes('@\u200Dalice') && t.includes('#\u200D12'));
  assert.ok(!t.includes('hunter2') && !t.includes('\n'));
  assert.equal([...t].length <= 256, true);
});

test('sparkline: zero minutes filled, scaled to the peak, bounded width', () => {
  const s = sparkline([
    { minute: '2026-03-01T10:00:00Z', count: 8 },
    { minute: '2026-03-01T10:03:00Z', count: 1 },
  ]);
  assert.equal(s, '█··▁');
  assert.equal(sparkline([]), '');
  const many = Array.from({ length: 500 }, (_, i) => ({ minute: new Date(Date.UTC(2026, 2, 1, 0, i)).toISOString(), count: i }));
  assert.equal(sparkline(many, 60).length, 60);
});

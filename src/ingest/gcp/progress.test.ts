import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatProgress } from './progress.js';

test('progress line: pages, entries, rate, and a wait when there is one', () => {
  assert.equal(formatProgress({ pages: 12, entries: 11532, entriesPerSecond: 4210.4 }), 'cloud logging: 12 pages, 11,532 entries, 4,210 entries/s');
  assert.equal(formatProgress({ pages: 1, entries: 1, entriesPerSecond: 0 }, 'gcloud'), 'gcloud: 1 page, 1 entry, 0 entries/s');
  assert.equal(
    formatProgress({ pages: 3, entries: 3000, entriesPerSecond: 1500, waiting: { reason: 'HTTP 429, retry 1/5', ms: 7000 } }),
    'cloud logging: 3 pages, 3,000 entries, 1,500 entries/s (waiting 7.0s: HTTP 429, retry 1/5)',
  );
});

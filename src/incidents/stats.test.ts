import { test } from 'node:test';
import assert from 'node:assert/strict';
import { percentile } from './stats.js';
import { rec, t } from './testdata/make-record.js';
import { runEngine } from './testdata/run-engine.js';

test('nearest-rank percentiles are measured values', () => {
  const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  assert.equal(percentile(v, 50), 5);
  assert.equal(percentile(v, 95), 10);
  assert.equal(percentile(v, 99), 10);
  assert.equal(percentile([42], 99), 42);
});

test('counts by severity, per-minute histogram, peak and current rate, first/last seen', () => {
  const recs = [
    rec({ at: t(0), severity: 'ERROR', message: 'db down 1' }),
    rec({ at: t(61), severity: 'ERROR', message: 'db down 2' }),
    rec({ at: t(62), severity: 'CRITICAL', message: 'db down 3' }),
    rec({ at: t(63), severity: 'ERROR', message: 'db down 4' }),
    rec({ at: t(185), severity: 'ERROR', message: 'db down 5' }),
  ];
  const run = runEngine(recs, { window: { from: t(0), to: t(240) } });
  const inc = run.incidentAt(0);
  assert.equal(inc.count, 5);
  assert.deepEqual(inc.bySeverity, { ERROR: 4, CRITICAL: 1 });
  assert.deepEqual(inc.perMinute, [
    { minute: '2025-09-07T13:00:00Z', count: 1 },
    { minute: '2025-09-07T13:01:00Z', count: 3 },
    { minute: '2025-09-07T13:03:00Z', count: 1 },
  ]);
  assert.deepEqual(inc.peakPerMinute, { minute: '2025-09-07T13:01:00Z', count: 3 });
  assert.equal(inc.currentPerMinute, 1, 'the last full minute of the window is 13:03');
  assert.equal(inc.firstSeen, t(0));
  assert.equal(inc.lastSeen, t(185));
  assert.equal(inc.allTimeFirstSeen, t(0), 'no history: all-time is the window');
});

test('5xx share and latency percentiles come from request logs; instances, traces, users counted', () => {
  const recs = [];
  for (let i = 0; i < 20; i++) {
    recs.push(rec({
      at: t(i), instanceId: `i${i % 3}`, trace: `tr${i}`, user: `u${i % 4}`, logKind: 'requests', severity: 'ERROR',
      message: 'GET /a', http: { method: 'GET', url: `/a/${i}`, status: i % 2 ? 503 : 500, latencyMs: (i + 1) * 10 },
    }));
  }
  const inc = runEngine(recs).incidentAt(0);
  assert.equal(inc.http?.requests, 20);
  assert.equal(inc.http?.status5xx, 20);
  assert.equal(inc.http?.share5xx, 1);
  assert.deepEqual(inc.http?.byStatus, { '500': 10, '503': 10 });
  assert.deepEqual(inc.http?.latencyMs, { p50: 100, p95: 190, p99: 200 });
  assert.equal(inc.instances, 3);
  assert.equal(inc.traces, 20);
  assert.equal(inc.users, 4);
});

test('revisions: first seen in revision X, which first logged at T', () => {
  const recs = [
    rec({ at: t(0), revision: 'svc-00001', message: 'hello' }),
    rec({ at: t(120), revision: 'svc-00002', severity: 'ERROR', message: 'boom' }),
    rec({ at: t(130), revision: 'svc-00002', severity: 'ERROR', message: 'boom' }),
  ];
  const inc = runEngine(recs).incidentAt(1);
  assert.deepEqual(inc.revisions, [{ name: 'svc-00002', count: 2, firstSeen: t(120), revisionFirstLogged: t(120) }]);
  assert.equal(inc.classification, 'active-dev', inc.classificationReason);
  assert.match(inc.classificationReason, /svc-00002 was deployed inside this window/);
});

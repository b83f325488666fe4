import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyHistory, type History, type IncidentMemory } from '../core/history.js';
import { classify } from './classify.js';
import { rec, t } from './testdata/make-record.js';
import { runEngine } from './testdata/run-engine.js';

const base = { windowFromMs: Date.parse('2025-09-07T13:00:00Z'), nowMs: Date.parse('2025-09-07T14:00:00Z'), activeDevHours: 24, quietHours: 72 };

function memory(p: Partial<IncidentMemory>): IncidentMemory {
  return {
    key: 'k', service: 'svc', title: 'x', state: 'open', firstSeen: '2025-09-01T00:00:00.000Z', lastSeen: '2025-09-07T12:00:00.000Z',
    totalCount: 40, revisions: ['svc-00001'], baselinePerMinute: 0.5, baselineMinutes: 600, ...p,
  };
}

test('never seen before → new', () => {
  const c = classify({ ...base, revisions: [{ name: 'svc-00001', firstLoggedMs: Date.parse('2025-08-01T00:00:00Z'), deployedInWindow: false }] });
  assert.equal(c.classification, 'new');
  assert.match(c.reason, /never seen before/);
});

test('never seen, only in a revision that first logged recently → active-dev', () => {
  const c = classify({ ...base, revisions: [{ name: 'svc-00009', firstLoggedMs: Date.parse('2025-09-07T09:00:00Z'), deployedInWindow: false }] });
  assert.equal(c.classification, 'active-dev');
  assert.match(c.reason, /svc-00009 first logged at 2025-09-07T09:00:00.000Z/);
});

test('known and open → other (ongoing)', () => {
  const c = classify({ ...base, memory: memory({}), revisions: [{ name: 'svc-00001', deployedInWindow: false }] });
  assert.equal(c.classification, 'other');
  assert.match(c.reason, /^ongoing: known since 2025-09-01/);
});

test('resolved, absent for a while, then seen in a newer revision → regression', () => {
  const c = classify({
    ...base,
    memory: memory({ state: 'resolved', resolvedAt: '2025-09-03T00:00:00.000Z', lastSeen: '2025-09-02T10:00:00.000Z' }),
    revisions: [{ name: 'svc-00002', firstLoggedMs: Date.parse('2025-09-07T12:30:00Z'), deployedInWindow: false }],
  });
  assert.equal(c.classification, 'regression');
  assert.equal(c.reason, 'was resolved at 2025-09-03T00:00:00.000Z (last seen 2025-09-02T10:00:00.000Z) and is back, now in newer revision svc-00002 (earlier: svc-00001)');
});

test('absent for longer than the quiet period counts as resolved even if not marked', () => {
  const c = classify({ ...base, memory: memory({ lastSeen: '2025-08-01T00:00:00.000Z' }), revisions: [] });
  assert.equal(c.classification, 'regression');
  assert.match(c.reason, /absent for more than 72 h/);
});

test('engine: the regression is classified from history and scored as one', () => {
  const recs = [
    rec({ at: t(0), revision: 'svc-00002', severity: 'ERROR', message: 'Payment provider call failed' }),
    rec({ at: t(30), revision: 'svc-00002', severity: 'ERROR', message: 'Payment provider call failed' }),
  ];
  const first = runEngine(recs).incidentAt(0);
  const history: History = emptyHistory();
  history.incidents[first.key] = memory({ key: first.key, state: 'resolved', resolvedAt: '2025-09-03T00:00:00.000Z', lastSeen: '2025-09-02T10:00:00.000Z' });
  history.revisions['svc|svc-00001'] = { service: 'svc', name: 'svc-00001', firstLogged: '2025-08-20T00:00:00.000Z' };
  history.revisions['svc|svc-00002'] = { service: 'svc', name: 'svc-00002', firstLogged: '2025-09-05T00:00:00.000Z' };
  const inc = runEngine(recs, { history }).incidentAt(0);
  assert.equal(inc.classification, 'regression');
  assert.match(inc.classificationReason, /newer revision svc-00002/);
  assert.equal(inc.score.components.find((c) => c.name === 'regression')?.points, 15);
  assert.equal(inc.allTimeFirstSeen, '2025-09-01T00:00:00.000Z');
  assert.equal(inc.revisions[0]?.revisionFirstLogged, '2025-09-05T00:00:00.000Z');
});

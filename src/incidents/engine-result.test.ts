import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyHistory, type History } from '../core/history.js';
import { rec, t } from './testdata/make-record.js';
import { runEngine } from './testdata/run-engine.js';
import { createIncidentEngine } from './engine.js';

const recs = () => [
  rec({ at: t(0), revision: 'svc-1', instanceId: 'i1', severity: 'ERROR', message: 'Payment failed for order 1' }),
  rec({ at: t(70), revision: 'svc-1', instanceId: 'i1', severity: 'ERROR', message: 'Payment failed for order 2' }),
  rec({ at: t(75), revision: 'svc-1', instanceId: 'i2', message: 'Processed order 3' }),
];

test('observations carry fresh per-minute counts only, so a re-read window counts nothing twice', () => {
  const first = runEngine(recs());
  const obs = first.result.observations.find((o) => o.key === first.incidentOf[0])!;
  assert.deepEqual(obs.freshPerMinute, [{ minute: '2025-09-07T13:00:00Z', count: 1 }, { minute: '2025-09-07T13:01:00Z', count: 1 }]);
  assert.equal(obs.state, 'open');
  assert.deepEqual(obs.revisions, ['svc-1']);
  const again = runEngine(recs(), { fresh: false });
  assert.deepEqual(again.result.observations.find((o) => o.key === first.incidentOf[0])!.freshPerMinute, []);
});

test('the same input against its own history: same incidents, ongoing, nothing new', () => {
  const first = runEngine(recs());
  const history: History = emptyHistory();
  for (const o of first.result.observations) {
    history.incidents[o.key] = {
      key: o.key, service: o.service, title: o.title, state: 'open', firstSeen: o.firstSeen, lastSeen: o.lastSeen,
      totalCount: o.freshPerMinute.reduce((n, m) => n + m.count, 0), revisions: o.revisions, baselinePerMinute: 0, baselineMinutes: 0,
    };
  }
  const second = runEngine(recs(), { history, fresh: false });
  assert.deepEqual(second.result.incidents.map((i) => i.key), first.result.incidents.map((i) => i.key));
  assert.ok(second.result.incidents.every((i) => i.classification === 'other'), second.result.incidents.map((i) => i.classificationReason).join('\n'));
  assert.deepEqual(second.result.incidents.map((i) => i.count), first.result.incidents.map((i) => i.count));
});

test('template observations, revisions and assignments', () => {
  const run = runEngine(recs());
  assert.deepEqual(
    run.result.templateObservations.map((o) => [o.template, o.count, o.minutes]).sort(),
    [['Payment failed for order <*>', 2, 2], ['Processed order <*>', 1, 1]],
  );
  assert.deepEqual(run.result.revisions, [{ service: 'svc', name: 'svc-1', firstLogged: t(0) }]);
  assert.equal(run.result.assignmentOf('no-such-group'), undefined);
  assert.ok(run.incidentOf.every((k) => run.result.incidents.some((i) => i.key === k)));
});

test('spike against the baseline of earlier runs', () => {
  const many = Array.from({ length: 40 }, (_, i) => rec({ at: t(i * 3), severity: 'ERROR', message: 'Payment failed' }));
  const first = runEngine(many, { window: { from: t(0), to: t(120) } });
  const key = first.incidentOf[0]!;
  const history = emptyHistory();
  history.incidents[key] = {
    key, service: 'svc', title: 'x', state: 'open', firstSeen: '2025-09-01T00:00:00.000Z', lastSeen: '2025-09-07T12:00:00.000Z',
    totalCount: 100, revisions: [], baselinePerMinute: 2, baselineMinutes: 300,
  };
  const inc = runEngine(many, { window: { from: t(0), to: t(120) }, history }).incidentAt(0);
  assert.deepEqual(inc.spike, { factor: 10, baselinePerMinute: 2, basis: '20/min over the 2-minute window vs 2/min over 300 earlier minutes' });
  assert.equal(inc.score.components.find((c) => c.name === 'spike')?.points, 15);
});

test('silence: a service, and a frequent template, that stop logging inside the window', () => {
  const history = emptyHistory();
  history.services.svc = { service: 'svc', lastSeen: '2025-09-07T12:59:00.000Z', perMinute: 6, observedMinutes: 600, runs: 10 };
  history.services.quiet = { service: 'quiet', lastSeen: '2025-09-07T12:59:00.000Z', perMinute: 3, observedMinutes: 600, runs: 10 };
  history.templates['t:heartbeat ok'] = { id: 't:heartbeat ok', service: 'svc', template: 'heartbeat ok', lastSeen: '2025-09-07T12:59:00.000Z', perMinute: 2, observedMinutes: 600 };
  // svc logs for the whole window, but its heartbeat template stops after the first minute.
  const logs = [rec({ at: t(10), message: 'heartbeat' })];
  for (let s = 0; s < 1200; s += 30) logs.push(rec({ at: t(s), message: 'Processed order 1' }));
  logs[0]!.message = 'heartbeat ok';
  const run = runEngine(logs, { history, window: { from: t(0), to: t(1200) } });
  const silent = run.result.incidents.filter((i) => i.fingerprint.kind === 'silence');
  assert.deepEqual(silent.map((i) => i.title).sort(), ['Silence: "heartbeat ok" stopped', 'Silence: quiet logged nothing in the window']);
  const hb = silent.find((i) => i.service === 'svc')!;
  assert.equal(hb.firstSeen, t(10), 'silent since its last entry in the window');
  const q = silent.find((i) => i.service === 'quiet')!;
  assert.equal(q.count, 0);
  assert.match(q.score.components[1]!.measured, /^60 entries expected in 20 min at 3\/min$/);
  assert.match(q.grouping[0]!, /earlier runs saw 3\/min over 600 minutes/);
  assert.ok(run.result.observations.some((o) => o.key === q.key));
});

test('an incident known to the store keeps its key when a window shows another mix of its parts', () => {
  const ws = (i: number, withError: boolean) => {
    const at = i * 30;
    const out = [
      rec({ instanceId: 'i1', at: t(at), logKind: 'requests', severity: 'WARNING', message: 'GET /ws 403', http: { method: 'GET', url: '/ws', status: 403, latencyMs: 3 } }),
      rec({ instanceId: 'i1', at: t(at + 0.004), severity: 'WARNING', message: 'WebSocket connection rejected: Invalid JWT' }),
    ];
    if (withError) out.push(rec({ instanceId: 'i1', at: t(at + 0.005), severity: 'ERROR', message: 'JWT verification failed' }));
    return out;
  };
  // Earlier run: only the warning and the 403s (the warning names the incident).
  const early = runEngine([0, 1, 2, 3].flatMap((i) => ws(i, false)));
  const key = early.incidentOf[0]!;
  const history = emptyHistory();
  history.incidents[key] = {
    key, service: 'svc', title: 'x', state: 'open', firstSeen: '2025-09-06T00:00:00.000Z', lastSeen: '2025-09-06T01:00:00.000Z',
    totalCount: 8, revisions: [], baselinePerMinute: 0, baselineMinutes: 0,
  };
  // Now an ERROR appears too, which would otherwise name the incident.
  const later = runEngine([0, 1, 2, 3].flatMap((i) => ws(i, true)), { history });
  const fresh = runEngine([0, 1, 2, 3].flatMap((i) => ws(i, true)));
  assert.notEqual(fresh.incidentOf[0], key, 'without history the error would name it');
  assert.equal(later.incidentOf[0], key);
  assert.equal(later.incidentOf[2], key);
  assert.equal(later.incidentAt(0).classification, 'other');
});

test('deterministic: the same input gives byte-identical results; groupKeyOf agrees with add', () => {
  const input = recs();
  const a = runEngine(input);
  const b = runEngine(input);
  assert.equal(JSON.stringify(a.result.incidents), JSON.stringify(b.result.incidents));
  assert.equal(JSON.stringify(a.result.observations), JSON.stringify(b.result.observations));
  const engine = createIncidentEngine();
  const r = recs()[0]!;
  assert.equal(engine.groupKeyOf(r, 'tpl'), engine.add(r, 'tpl', true));
});

test('invalid tunables are rejected with the setting named', () => {
  assert.throws(() => createIncidentEngine({ quietHours: -1 }), /incidents config: quietHours/);
  assert.throws(() => createIncidentEngine({ thresholds: { trace: { ratio: 2, support: 1 } } } as never), /incidents config: thresholds\.trace\.ratio/);
  assert.throws(() => createIncidentEngine({ thresolds: {} } as never), /Unrecognized key/);
  assert.doesNotThrow(() => createIncidentEngine({ evidence: { exitWindowMs: 30_000 } } as never));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogRecord } from '../core/record.js';
import { pyException, pyFrame, rec, t } from './testdata/make-record.js';
import { runEngine } from './testdata/run-engine.js';

const importError = () =>
  pyException('ModuleNotFoundError', "No module named 'app.services.monitoring'", [
    pyFrame('/usr/local/lib/python3.11/site-packages/gunicorn/util.py', 'import_app'),
  ]);

/** One start-up: the warning every start-up prints, then (when crashing) the error, its exit, a 503. */
function startUp(instance: string, at: number, crash: boolean): LogRecord[] {
  const out = [
    rec({ instanceId: instance, at: t(at), severity: 'WARNING', message: "Optional SDK 'sentry_sdk' is not installed" }),
    rec({ instanceId: instance, at: t(at + 0.1), message: 'Booting worker with pid: 8' }),
  ];
  if (crash) {
    out.push(
      rec({ instanceId: instance, at: t(at + 0.5), logKind: 'stderr', severity: 'DEFAULT', message: 'Traceback (most recent call last):\n...', exception: importError() }),
      rec({ instanceId: instance, at: t(at + 0.7), logKind: 'stderr', severity: 'DEFAULT', message: '[2025-09-07 13:00:00 +0000] [1] [INFO] Reason: Worker failed to boot.' }),
      rec({ instanceId: instance, at: t(at + 1.5), logKind: 'varlog', severity: 'WARNING', message: 'Container called exit(3).' }),
      rec({ instanceId: instance, at: t(at + 0.2), logKind: 'requests', severity: 'ERROR', message: 'GET /api/x 503', http: { method: 'GET', url: '/api/x', status: 503, latencyMs: 1800 } }),
    );
  }
  return out;
}

function crashLoop(healthyStartUps: number): LogRecord[] {
  const recs: LogRecord[] = [];
  for (let i = 0; i < 6; i++) recs.push(...startUp(`bad${i}`, i * 40, true));
  for (let i = 0; i < healthyStartUps; i++) recs.push(...startUp(`ok${i}`, 20 + i * 40, false));
  return recs;
}

test('a crash loop is one incident: error, exit lines and the 503s its instances served', () => {
  const recs = crashLoop(3);
  const run = runEngine(recs);
  const crash = run.incidentAt(recs.findIndex((r) => r.exception !== undefined));
  for (const [i, r] of recs.entries()) {
    if (r.exception !== undefined || /Reason: Worker|exit\(3\)/.test(r.message) || r.http?.status === 503) {
      assert.equal(run.incidentOf[i], crash.key, `${r.message} belongs to the crash`);
    }
  }
  assert.equal(crash.count, 6 * 4);
  assert.match(crash.title, /^Start-up crash loop: ModuleNotFoundError app\.services\.monitoring \(exit 3\)$/);
  assert.ok(crash.grouping.some((g) => /exited within a minute/.test(g)), crash.grouping.join('\n'));
});

test('a warning every start-up prints stays separate, crashing or not', () => {
  for (const healthy of [3, 0]) {
    const recs = crashLoop(healthy);
    const run = runEngine(recs);
    const crashKey = run.incidentOf[recs.findIndex((r) => r.exception !== undefined)];
    const warnKey = run.incidentOf[recs.findIndex((r) => r.severity === 'WARNING' && /sentry/.test(r.message))];
    const bootKey = run.incidentOf[recs.findIndex((r) => /Booting worker/.test(r.message))];
    assert.notEqual(warnKey, crashKey, `warning joined the crash with ${healthy} healthy start-ups`);
    assert.notEqual(bootKey, crashKey);
  }
});

test('a request error and the application error sharing its trace are one incident', () => {
  const recs: LogRecord[] = [];
  for (let i = 0; i < 5; i++) {
    const trace = `projects/p/traces/t${i}`;
    recs.push(rec({ at: t(i * 60), trace, logKind: 'requests', severity: 'ERROR', message: 'POST /pay 503', http: { method: 'POST', url: `/api/pay/${100 + i}`, status: 503, latencyMs: 1500 } }));
    recs.push(rec({ at: t(i * 60 + 1), trace, severity: 'ERROR', message: `Payment provider call failed for order ${100 + i}` }));
    recs.push(rec({ at: t(i * 60 + 0.01), trace, severity: 'INFO', message: `Checkout started for cart ${i}` }));
  }
  const run = runEngine(recs);
  assert.equal(run.incidentOf[0], run.incidentOf[1]);
  assert.notEqual(run.incidentOf[2], run.incidentOf[0], 'routine lines of the same trace stay out');
  const inc = run.incidentAt(0);
  assert.ok(inc.grouping.some((g) => /shares a trace/.test(g)));
  assert.equal(inc.http?.status5xx, 5);
});

test('app lines logged inside failed requests on the same instance join them (no trace)', () => {
  const recs: LogRecord[] = [];
  for (let i = 0; i < 6; i++) {
    const at = i * 30;
    recs.push(rec({ instanceId: 'i1', at: t(at), logKind: 'requests', severity: 'WARNING', message: 'GET /ws 403', http: { method: 'GET', url: '/ws', status: 403, latencyMs: 3 } }));
    recs.push(rec({ instanceId: 'i1', at: t(at + 0.004), severity: 'WARNING', message: `WebSocket connection rejected: ${i % 2 ? 'Invalid' : 'No'} JWT` }));
    recs.push(rec({ instanceId: 'i1', at: t(at + 0.005), severity: 'ERROR', message: 'JWT verification failed - likely secret mismatch between services' }));
    recs.push(rec({ instanceId: 'i1', at: t(at + 5), severity: 'INFO', message: 'GET /health 200', logKind: 'requests', http: { method: 'GET', url: '/health', status: 200, latencyMs: 2 } }));
  }
  const run = runEngine(recs);
  const key = run.incidentOf[0];
  assert.equal(run.incidentOf[1], key);
  assert.equal(run.incidentOf[2], key);
  assert.notEqual(run.incidentOf[3], key);
  const inc = run.incidentAt(0);
  assert.equal(inc.title, 'WebSocket 403: JWT validation rejected between services');
  assert.ok(inc.hints.some((h) => h.id === 'token-validation' && h.evidence.includes('JWT')));
});

test('an error line followed by its traceback is one incident; an unrelated error is not', () => {
  const recs: LogRecord[] = [];
  for (let i = 0; i < 4; i++) {
    recs.push(rec({ instanceId: `i${i}`, at: t(i * 100), severity: 'ERROR', message: 'Exception in worker process' }));
    recs.push(rec({ instanceId: `i${i}`, at: t(i * 100 + 0.01), severity: 'ERROR', message: 'Traceback…', exception: pyException('ValueError', 'bad', [pyFrame('/app/app/w.py', 'run')]) }));
    recs.push(rec({ instanceId: `i${i}`, at: t(i * 100 + 50), severity: 'ERROR', message: 'Cache refresh failed' }));
  }
  const run = runEngine(recs);
  assert.equal(run.incidentOf[0], run.incidentOf[1]);
  assert.notEqual(run.incidentOf[2], run.incidentOf[1]);
});

test('traceback fragments that reach the engine unfolded join their exception', () => {
  const recs: LogRecord[] = [];
  for (let i = 0; i < 3; i++) {
    recs.push(rec({ instanceId: `i${i}`, at: t(i * 100), logKind: 'stderr', severity: 'DEFAULT', message: 'Traceback (most recent call last):' }));
    recs.push(rec({ instanceId: `i${i}`, at: t(i * 100 + 0.001), logKind: 'stderr', severity: 'DEFAULT', message: '  File "/app/main.py", line 3, in <module>' }));
    recs.push(rec({ instanceId: `i${i}`, at: t(i * 100 + 0.002), logKind: 'stderr', severity: 'DEFAULT', message: "ModuleNotFoundError: No module named 'x'" }));
  }
  const run = runEngine(recs);
  assert.equal(run.incidentOf[0], run.incidentOf[2]);
  assert.equal(run.incidentOf[1], run.incidentOf[2]);
});

test('grouping does not depend on input order (gcloud prints newest first)', () => {
  const recs = crashLoop(2);
  const a = runEngine(recs);
  const b = runEngine([...recs].reverse());
  const partition = (keys: string[], order: number[]) => order.map((i) => keys[i]);
  const idx = recs.map((_, i) => i);
  const ka = partition(a.incidentOf, idx);
  const kb = partition([...b.incidentOf].reverse(), idx);
  assert.deepEqual(ka, kb);
  assert.deepEqual(a.result.incidents.map((i) => i.key), b.result.incidents.map((i) => i.key));
});

test('incident keys are content hashes: the same input gives the same keys, whatever else is in the run', () => {
  const recs = crashLoop(1);
  const noise = [rec({ at: t(5), message: 'unrelated routine line' })];
  const a = runEngine(recs).result.incidents.find((i) => i.exception !== undefined)!;
  const b = runEngine([...noise, ...recs]).result.incidents.find((i) => i.exception !== undefined)!;
  assert.equal(a.key, b.key);
  assert.match(a.key, /^[0-9a-f]{16}$/);
});

test('being near a group that logs all the time is no evidence', () => {
  const recs: LogRecord[] = [];
  // A noisy error every 300 ms on one instance for two minutes...
  for (let ms = 0; ms < 120_000; ms += 300) recs.push(rec({ instanceId: 'i1', at: t(ms / 1000), severity: 'ERROR', message: 'metrics push failed' }));
  // ...and a rare, unrelated error that is therefore always within a second of it.
  for (let i = 0; i < 5; i++) recs.push(rec({ instanceId: 'i1', at: t(10 + i * 20), severity: 'ERROR', message: 'invoice rendering failed' }));
  const run = runEngine(recs);
  assert.notEqual(run.incidentOf[recs.length - 1], run.incidentOf[0]);
});

test('an error-worded line every start-up prints stays out of the crash, even when it precedes every exit', () => {
  const recs: LogRecord[] = [];
  const startUps: [string, number, boolean][] = [];
  for (let i = 0; i < 5; i++) startUps.push([`bad${i}`, i * 40, true]);
  for (let i = 0; i < 5; i++) startUps.push([`ok${i}`, 20 + i * 40, false]);
  for (const [inst, at, crash] of startUps) {
    recs.push(rec({ instanceId: inst, at: t(at), logKind: 'stderr', severity: 'DEFAULT', message: 'Failed to import optional module sentry_sdk; error reporting disabled' }));
    if (crash) {
      recs.push(rec({ instanceId: inst, at: t(at + 0.3), logKind: 'stderr', severity: 'DEFAULT', message: 'Traceback…', exception: importError() }));
      recs.push(rec({ instanceId: inst, at: t(at + 1), logKind: 'varlog', severity: 'WARNING', message: 'Container called exit(3).' }));
    }
  }
  const run = runEngine(recs);
  const warn = run.incidentOf[0];
  const crash = run.incidentOf[1];
  assert.notEqual(warn, crash);
  assert.equal(run.incidentOf[2], crash, 'the exit joins the error that kills every time');
});

test('gunicorn worker timeouts: the kill and the 504s the instance served join the timeout', () => {
  const recs: LogRecord[] = [];
  for (let i = 0; i < 4; i++) {
    const inst = `i${i % 2}`;
    const at = 100 + i * 200;
    recs.push(rec({ instanceId: inst, at: t(at), logKind: 'stderr', severity: 'DEFAULT', message: '[2025-09-07 13:00:00 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:8)' }));
    recs.push(rec({ instanceId: inst, at: t(at + 0.5), logKind: 'stderr', severity: 'DEFAULT', message: '[2025-09-07 13:00:00 +0000] [1] [ERROR] Worker (pid:8) was sent SIGKILL! Perhaps out of memory?' }));
    recs.push(rec({ instanceId: inst, at: t(at - 30), logKind: 'requests', severity: 'ERROR', message: 'POST /report 504', http: { method: 'POST', url: '/report', status: 504, latencyMs: 30_000 } }));
  }
  const run = runEngine(recs);
  assert.equal(run.incidentOf[1], run.incidentOf[0]);
  assert.equal(run.incidentOf[2], run.incidentOf[0]);
  assert.match(run.incidentAt(0).title, /^(?:Start-up )?[Cc]rash/);
});

// Must show (issue 4): on the real Cloud Run export, the JWT / WebSocket rejection is ONE incident
// (not one per user, route or message variant), ranked first, with a token-validation hint.
// Runs the project's own ingest (normalize + traceback folding) and miner, as the app does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { analyse, readRecords } from '../../src/incidents/testdata/pipeline.js';

const DATA = resolve('../shared/data/cloud-logging/cloud-run-auth-failures-2025-09-07.json');

test('JWT / WebSocket rejection: one incident, ranked first, with a token-validation hint', async () => {
  const records = await readRecords(DATA);
  const a = await analyse(records);
  const top = a.result.incidents[0]!;

  const isWsRequest = (i: number) => records[i]!.http?.status === 403 && /\/ws(\?|$)/.test(records[i]!.http?.url ?? '');
  const parts: [string, (i: number) => boolean][] = [
    ['403s on /ws', isWsRequest],
    ['"WebSocket connection rejected" warnings', (i) => /WebSocket connection rejected/.test(records[i]!.message)],
    ['"JWT … verification failed" errors', (i) => /JWT.*verification failed/.test(records[i]!.message)],
    ['gunicorn "connection rejected (403 Forbidden)"', (i) => /connection rejected \(403 Forbidden\)/.test(records[i]!.message)],
    ['gunicorn "WebSocket /ws" 403 access lines', (i) => /"WebSocket \/ws" 403/.test(records[i]!.message)],
  ];
  for (const [what, is] of parts) {
    const keys = new Set(records.map((_, i) => i).filter(is).map((i) => a.incidentOf[i]));
    assert.ok(keys.size >= 1, `no ${what} in the data`);
    assert.deepEqual([...keys], [top.key], `${what} are spread over ${keys.size} incident(s), expected only the top one`);
  }

  // Not one per user, route or message variant: no other incident is about JWT rejections.
  const others = a.result.incidents.slice(1).filter((i) => i.templates.some((t) => /JWT/.test(t.template)));
  assert.deepEqual(others.map((i) => i.title), []);

  assert.equal(top.title, 'WebSocket 403: JWT validation rejected between services');
  assert.ok(top.score.priority === 'P0' || top.score.priority === 'P1', `priority ${top.score.priority}`);
  assert.ok(a.result.incidents.slice(1).every((i) => i.score.total < top.score.total));
  const hint = top.hints.find((h) => h.id === 'token-validation');
  assert.ok(hint, 'token-validation hint');
  assert.match(hint.evidence, /JWT/);
  assert.ok(hint.checks.some((c) => /audience/.test(c)) && hint.checks.some((c) => /clock skew/i.test(c)));
  assert.ok(top.grouping.length >= 3, top.grouping.join('\n'));
  assert.equal(top.http?.status4xx, top.http?.requests);
  assert.ok(top.samples.length >= 1 && top.samples.every((s) => records.some((r) => r.insertId === s.insertId)));
});

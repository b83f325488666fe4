import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRIORITY_THRESHOLDS, priorityOf, scoreIncident } from './score.js';
import type { IncidentFigures } from './stats.js';

function figures(p: Partial<IncidentFigures>): IncidentFigures {
  return {
    count: 1, bySeverity: {}, maxSeverity: 'INFO', maxEffectiveSeverity: 'INFO', firstMs: 0, lastMs: 0, perMinute: [],
    peakPerMinute: { minute: '2025-01-01T00:00:00Z', count: 1 }, currentPerMinute: 0, freshPerMinute: [], revisions: [],
    instances: 0, traces: 0, users: 0, failedRequests: 0, exits: 0, exitCodes: new Map(), ...p,
  };
}

test('thresholds are published and applied', () => {
  assert.equal(PRIORITY_THRESHOLDS, 'P0 >= 80, P1 >= 55, P2 >= 30, else P3');
  assert.equal(priorityOf(80), 'P0');
  assert.equal(priorityOf(79.9), 'P1');
  assert.equal(priorityOf(55), 'P1');
  assert.equal(priorityOf(30), 'P2');
  assert.equal(priorityOf(29.9), 'P3');
});

test('the total is the sum of the printed components', () => {
  const s = scoreIncident({
    figures: figures({ count: 99, maxSeverity: 'ERROR', maxEffectiveSeverity: 'ERROR', peakPerMinute: { minute: 'm', count: 9 }, failedRequests: 15, exits: 3 }),
    classification: 'regression', spikeFactor: 8, serviceRequests: 100,
  });
  const sum = Math.round(s.components.reduce((a, c) => a + c.points, 0) * 10) / 10;
  assert.equal(s.total, Math.min(100, sum));
  const by = Object.fromEntries(s.components.map((c) => [c.name, c.points]));
  assert.equal(by.severity, 22);
  assert.equal(by.volume, 10); // 5·log10(100)
  assert.equal(by.rate, 5); // 5·log10(10)
  assert.equal(by.spike, 15); // 5·log2(8)
  assert.equal(by.impact, 13.5); // 3·log2(16) + 10·0.15
  assert.equal(by.crash, 20);
  assert.equal(by.regression, 15);
  assert.equal(by.novelty, 0);
  assert.equal(s.priority, 'P0');
});

test('routine logging is weighted down: volume alone never makes a priority', () => {
  const routine = scoreIncident({ figures: figures({ count: 5000, peakPerMinute: { minute: 'm', count: 400 } }), classification: 'new', serviceRequests: 0 });
  const smallFailure = scoreIncident({ figures: figures({ count: 3, maxSeverity: 'ERROR', maxEffectiveSeverity: 'ERROR', exits: 1 }), classification: 'other', serviceRequests: 0 });
  assert.equal(routine.priority, 'P3');
  assert.ok(smallFailure.total > routine.total);
});

test('a rule can force the priority; the computed total stays visible', () => {
  const s = scoreIncident({ figures: figures({}), classification: 'other', serviceRequests: 0, override: { priority: 'P1', rule: 'payments' } });
  assert.equal(s.priority, 'P1');
  assert.equal(s.override, 'rule "payments" sets P1');
  assert.ok(s.total < 30);
});

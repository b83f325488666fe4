import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Incident } from '../core/incident.js';
import { isRoutine } from './routine.js';

function incident(over: Partial<Incident>): Incident {
  return {
    key: 'k', fingerprint: { version: 1, kind: 'template', basis: 't' }, title: 'GET /healthz → 2xx',
    score: { total: 5, priority: 'P3', components: [], thresholds: '' }, classification: 'other', classificationReason: '',
    service: 's', count: 10, bySeverity: { INFO: 10 }, firstSeen: '2025-01-01T00:00:00Z', lastSeen: '2025-01-01T00:01:00Z',
    allTimeFirstSeen: '2025-01-01T00:00:00Z', allTimeLastSeen: '2025-01-01T00:01:00Z', perMinute: [],
    peakPerMinute: { minute: '2025-01-01T00:00:00Z', count: 5 }, currentPerMinute: 5, revisions: [], instances: 1, traces: 0,
    templates: [{ id: 't', template: 'GET <*> 200', count: 10, samples: [] }], samples: [], grouping: [], hints: [], related: [],
    ...over,
  };
}

test('INFO traffic without errors is routine', () => {
  assert.equal(isRoutine(incident({})), true);
});

test('warnings, exceptions, hints, failed requests and silence are not routine', () => {
  assert.equal(isRoutine(incident({ bySeverity: { INFO: 9, WARNING: 1 } })), false);
  assert.equal(isRoutine(incident({ exception: { type: 'KeyError', message: '', topFrames: [], language: 'python' } })), false);
  assert.equal(isRoutine(incident({ hints: [{ id: 'h', title: 't', checks: [], evidence: 'e' }] })), false);
  assert.equal(isRoutine(incident({ http: { requests: 10, status5xx: 1, status4xx: 0, share5xx: 0.1, byStatus: { '503': 1 } } })), false);
  assert.equal(isRoutine(incident({ fingerprint: { version: 1, kind: 'silence', basis: 's' } })), false);
});

test('lines without severity are routine unless they read like a problem', () => {
  assert.equal(isRoutine(incident({ bySeverity: { DEFAULT: 3 }, templates: [{ id: 't', template: 'Booting worker with pid: <*>', count: 3, samples: [] }] })), true);
  assert.equal(isRoutine(incident({ bySeverity: { DEFAULT: 3 }, templates: [{ id: 't', template: 'Worker failed to boot.', count: 3, samples: [] }] })), false);
  assert.equal(isRoutine(incident({ bySeverity: { DEFAULT: 3 }, templates: [{ id: 't', template: 'Container called exit(3).', count: 3, samples: [] }] })), false);
});

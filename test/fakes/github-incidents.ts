import type { Incident, Priority } from '../../src/core/incident.js';
import { stableHash } from '../../src/core/hash.js';

// Realistic incidents for the GitHub sink's tests, written by the project (no shared data): a
// Python crash loop, a Node request failure, a Java pool exhaustion, each fully populated the way
// src/incidents fills them.

export interface IncidentOverrides extends Partial<Incident> {
  priority?: Priority;
}

export function makeIncident(name: string, o: IncidentOverrides = {}): Incident {
  const key = o.key ?? stableHash(['fixture', name]);
  const priority = o.priority ?? 'P1';
  const base: Incident = {
    key,
    fingerprint: { version: 1, kind: 'exception', basis: `ModuleNotFoundError|app/main.py:${name}` },
    title: `ModuleNotFoundError: No module named '${name}' at startup`,
    score: {
      total: priority === 'P0' ? 85 : priority === 'P1' ? 63 : priority === 'P2' ? 40 : 12,
      priority,
      components: [
        { name: 'severity', measured: 'ERROR', points: 20, why: 'ERROR entries' },
        { name: 'crash', measured: '12 restarts', points: 25, why: 'container exits on start-up' },
        { name: 'volume', measured: '412 entries', points: 18, why: 'log10 scaled' },
      ],
      thresholds: 'P0 >= 80, P1 >= 55, P2 >= 30, else P3',
    },
    classification: 'new',
    classificationReason: 'first seen in this window; no earlier run saw it',
    service: 'checkout',
    count: 412,
    bySeverity: { ERROR: 400, CRITICAL: 12 },
    firstSeen: '2026-03-01T10:00:03.120Z',
    lastSeen: '2026-03-01T10:59:58.004Z',
    allTimeFirstSeen: '2026-03-01T10:00:03.120Z',
    allTimeLastSeen: '2026-03-01T10:59:58.004Z',
    perMinute: [
      { minute: '2026-03-01T10:00:00Z', count: 40 },
      { minute: '2026-03-01T10:01:00Z', count: 12 },
      { minute: '2026-03-01T10:05:00Z', count: 3 },
      { minute: '2026-03-01T10:59:00Z', count: 7 },
    ],
    peakPerMinute: { minute: '2026-03-01T10:00:00Z', count: 40 },
    currentPerMinute: 7,
    revisions: [{ name: 'checkout-00042-abc', count: 412, firstSeen: '2026-03-01T10:00:03.120Z', revisionFirstLogged: '2026-03-01T09:58:00Z' }],
    instances: 3,
    traces: 0,
    templates: [{ id: 't1', template: "ModuleNotFoundError: No module named '<*>'", count: 412, samples: [] }],
    samples: [
      {
        insertId: `ins-${name}-1`,
        timestamp: '2026-03-01T10:00:03.120Z',
        severity: 'ERROR',
        text: `Traceback (most recent call last):\n  File "/app/main.py", line 3, in <module>\n    import ${name}\nModuleNotFoundError: No module named '${name}'`,
        revision: 'checkout-00042-abc',
        logKind: 'stderr',
      },
      { insertId: `ins-${name}-2`, timestamp: '2026-03-01T10:30:00Z', severity: 'CRITICAL', text: 'Container called exit(1).', revision: 'checkout-00042-abc', logKind: 'varlog' },
    ],
    exception: { type: 'ModuleNotFoundError', message: `No module named '${name}'`, topFrames: [`app/main.py:3 in <module> (${name})`], language: 'python' },
    grouping: ['same exception type and top in-app frame', 'container exit within 2 s of the traceback on the same instance'],
    hints: [{ id: 'py-missing-module', title: 'A dependency is missing from the image', checks: ['Is the module in requirements.txt?', 'Was the image rebuilt?'], evidence: 'ModuleNotFoundError' }],
    related: [],
    logsExplorerUrl: 'https://console.cloud.google.com/logs/query;query=resource.type%3D%22cloud_run_revision%22?project=demo',
  };
  const { priority: _p, ...rest } = o;
  return { ...base, ...rest, key };
}

/** `n` unrelated incidents (distinct exception types and frames), priorities cycling P0..P3. */
export function manyIncidents(n: number): Incident[] {
  const prios: Priority[] = ['P0', 'P1', 'P2', 'P3'];
  return Array.from({ length: n }, (_, i) =>
    makeIncident(`mod${i}`, {
      priority: prios[i % 4]!,
      exception: { type: `Error${i}`, message: `failure ${i}`, topFrames: [`app/m${i}.py:1`], language: 'python' },
    }),
  );
}

import type { Incident, Sample } from '../../core/incident.js';
import { REPORT_SCHEMA_VERSION, type RunReport } from '../model.js';

// A realistic RunReport for the renderer tests: one hour of a Cloud Run service with a JWT/WebSocket
// rejection storm, a start-up crash loop, and a config warning. Figures are internally consistent
// (counts add up) so a reader of the rendered example can check them. The credentials are fake.

export const FAKE_JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjoxNzU3MjUxMjAwfQ.c2lnbmF0dXJlLWJ5dGVzLWZha2U';

const WINDOW = { from: '2025-09-07T13:20:00Z', to: '2025-09-07T14:20:00Z', basis: 'flags' };

function sample(partial: Partial<Sample> & Pick<Sample, 'insertId' | 'timestamp' | 'text'>): Sample {
  return { severity: 'ERROR', revision: 'auth-api-00042-xyz', instanceId: '00c61b117c', ...partial };
}

export function jwtIncident(overrides: Partial<Incident> = {}): Incident {
  const samples = [
    sample({
      insertId: '68bd8a1c000e3f2a9b1c4d5e',
      timestamp: '2025-09-07T13:21:04.512873Z',
      severity: 'WARNING',
      text: `WebSocket /ws/events?token=${FAKE_JWT} rejected: 403 JWT signature invalid`,
      logKind: 'stdout',
      trace: 'projects/demo-proj/traces/4bf92f3577b34da6a3ce929d0e0e4736',
    }),
    sample({
      insertId: '68bd8a1c000e3f2a9b1c4d60',
      timestamp: '2025-09-07T13:47:19.004000Z',
      severity: 'WARNING',
      text: 'JWT verification failed for kid=k1: signature mismatch (user-42)',
      logKind: 'stdout',
    }),
  ];
  return {
    key: '3f9a1c2b7d4e5f60',
    fingerprint: { version: 1, kind: 'request', basis: 'GET /ws/events 403 + template 9c1d2e3f4a5b6c7d' },
    title: 'WebSocket /ws/events rejected with 403: JWT signature invalid',
    score: {
      total: 62,
      priority: 'P1',
      components: [
        { name: 'severity', measured: 'WARNING', points: 10, why: 'highest severity seen' },
        { name: 'volume', measured: '412 entries', points: 20, why: '>= 100 entries in the window' },
        { name: 'http', measured: '412 of 412 requests 403', points: 22, why: 'user-facing rejections' },
        { name: 'novelty', measured: 'first seen 2025-09-07T13:21:04Z', points: 10, why: 'not in any earlier run' },
      ],
      thresholds: 'P0 >= 80, P1 >= 55, P2 >= 30, else P3',
    },
    classification: 'new',
    classificationReason: 'no earlier run or GitHub issue has this incident key',
    service: 'auth-api',
    count: 412,
    bySeverity: { WARNING: 412 },
    firstSeen: '2025-09-07T13:21:04.512873Z',
    lastSeen: '2025-09-07T14:19:58.100000Z',
    allTimeFirstSeen: '2025-09-07T13:21:04.512873Z',
    allTimeLastSeen: '2025-09-07T14:19:58.100000Z',
    perMinute: [
      { minute: '2025-09-07T13:21:00Z', count: 3 },
      { minute: '2025-09-07T13:35:00Z', count: 19 },
      { minute: '2025-09-07T13:36:00Z', count: 48 },
      { minute: '2025-09-07T13:37:00Z', count: 150 },
      { minute: '2025-09-07T13:38:00Z', count: 92 },
      { minute: '2025-09-07T14:00:00Z', count: 60 },
      { minute: '2025-09-07T14:18:00Z', count: 35 },
      { minute: '2025-09-07T14:19:00Z', count: 5 },
    ],
    peakPerMinute: { minute: '2025-09-07T13:37:00Z', count: 150 },
    currentPerMinute: 5,
    revisions: [{ name: 'auth-api-00042-xyz', count: 412, firstSeen: '2025-09-07T13:21:04.512873Z', revisionFirstLogged: '2025-09-07T13:02:11Z' }],
    instances: 3,
    traces: 388,
    users: 57,
    http: {
      requests: 412,
      status5xx: 0,
      status4xx: 412,
      share5xx: 0,
      byStatus: { '403': 412 },
      latencyMs: { p50: 3.2, p95: 11.8, p99: 24.5 },
    },
    templates: [
      { id: '9c1d2e3f4a5b6c7d', template: 'WebSocket /ws/events?token=<*> rejected: 403 JWT signature invalid', count: 371, samples: [samples[0]!] },
      { id: '1a2b3c4d5e6f7a8b', template: 'JWT verification failed for kid=<*>: signature mismatch (<*>)', count: 41, samples: [samples[1]!] },
    ],
    samples,
    grouping: ['same request path and status (GET /ws/events 403)', 'templates co-occur on the same trace within 1 s (41 traces)'],
    hints: [
      {
        id: 'jwt-key-rotation',
        title: 'Signing keys may have rotated',
        checks: ['Compare the kid in rejected tokens with the JWKS currently served', 'Check when the issuer last rotated keys'],
        evidence: 'JWT verification failed for kid=<*>: signature mismatch (<*>)',
      },
    ],
    routine: false,

    related: [{ incidentKey: '7e8f9a0b1c2d3e4f', reason: 'co-occurring: both peak at 2025-09-07T13:37:00Z' }],
    logsExplorerUrl:
      'https://console.cloud.google.com/logs/query;query=resource.type%3D%22cloud_run_revision%22%0Aresource.labels.service_name%3D%22auth-api%22;timeRange=2025-09-07T13:20:00Z%2F2025-09-07T14:20:00Z?project=demo-proj',
    ...overrides,
  };
}

export function crashLoopIncident(overrides: Partial<Incident> = {}): Incident {
  const s = sample({
    insertId: '68bd8b02000a11b2c3d4e5f6',
    timestamp: '2025-09-07T13:36:41.230000Z',
    severity: 'ERROR',
    logKind: 'stderr',
    revision: 'auth-api-00043-abc',
    instanceId: '00c61b117d',
    text: [
      'Traceback (most recent call last):',
      '  File "/app/main.py", line 12, in <module>',
      '    from auth.jwks import JwksCache',
      '  File "/app/auth/jwks.py", line 3, in <module>',
      '    import cachetools',
      "ModuleNotFoundError: No module named 'cachetools'",
    ].join('\n'),
  });
  return {
    key: '7e8f9a0b1c2d3e4f',
    fingerprint: { version: 1, kind: 'exception', basis: 'ModuleNotFoundError @ auth/jwks.py:<module>' },
    title: "ModuleNotFoundError: No module named 'cachetools' at start-up (crash loop)",
    score: {
      total: 84,
      priority: 'P0',
      components: [
        { name: 'severity', measured: 'ERROR', points: 20, why: 'ERROR or worse' },
        { name: 'crash', measured: '6 container exits (code 3)', points: 30, why: 'instances fail to start' },
        { name: 'regression', measured: 'resolved 2025-09-01T09:00:00Z', points: 24, why: 'recurred after being resolved' },
        { name: 'rate', measured: '2/min at peak', points: 10, why: 'recurring every minute' },
      ],
      thresholds: 'P0 >= 80, P1 >= 55, P2 >= 30, else P3',
    },
    classification: 'regression',
    classificationReason: 'resolved on 2025-09-01T09:00:00Z, seen again in revision auth-api-00043-abc which first logged after that',
    service: 'auth-api',
    count: 12,
    bySeverity: { ERROR: 6, DEFAULT: 6 },
    firstSeen: '2025-09-07T13:36:41.230000Z',
    lastSeen: '2025-09-07T13:41:02.880000Z',
    allTimeFirstSeen: '2025-08-30T17:02:13.000000Z',
    allTimeLastSeen: '2025-09-07T13:41:02.880000Z',
    perMinute: [
      { minute: '2025-09-07T13:36:00Z', count: 2 },
      { minute: '2025-09-07T13:37:00Z', count: 4 },
      { minute: '2025-09-07T13:39:00Z', count: 4 },
      { minute: '2025-09-07T13:41:00Z', count: 2 },
    ],
    peakPerMinute: { minute: '2025-09-07T13:37:00Z', count: 4 },
    currentPerMinute: 0,
    revisions: [{ name: 'auth-api-00043-abc', count: 12, firstSeen: '2025-09-07T13:36:41.230000Z', revisionFirstLogged: '2025-09-07T13:36:40Z' }],
    instances: 6,
    traces: 0,
    templates: [
      { id: '5d6e7f8091a2b3c4', template: "ModuleNotFoundError: No module named '<*>'", count: 6, samples: [s] },
      {
        id: 'c4b3a2918f7e6d5c',
        template: 'Container called exit(<*>).',
        count: 6,
        samples: [
          sample({ insertId: '68bd8b02000a11b2c3d4e5f9', timestamp: '2025-09-07T13:36:41.410000Z', severity: 'DEFAULT', logKind: 'varlog', revision: 'auth-api-00043-abc', instanceId: '00c61b117d', text: 'Container called exit(3).' }),
        ],
      },
    ],
    samples: [s],
    exception: {
      type: 'ModuleNotFoundError',
      message: "No module named 'cachetools'",
      topFrames: ['auth/jwks.py:3 in <module>', 'main.py:12 in <module>'],
      language: 'python',
    },
    grouping: ['same exception type and top in-app frame (auth/jwks.py:<module>)', 'exit(3) follows the traceback on the same instance within 1 s (6 of 6)'],
    hints: [
      {
        id: 'python-missing-module',
        title: 'A dependency is missing from the image',
        checks: ['Is cachetools in requirements.txt / the lock file?', 'Did the last build change the base image or install step?'],
        evidence: 'ModuleNotFoundError',
      },
    ],
    routine: false,

    related: [{ incidentKey: '3f9a1c2b7d4e5f60', reason: 'co-occurring: both peak at 2025-09-07T13:37:00Z' }, { issueNumber: 118, reason: 'the issue this incident had before it was resolved' }],
    logsExplorerUrl: 'https://console.cloud.google.com/logs/query;query=resource.labels.service_name%3D%22auth-api%22%0Aseverity%3E%3DERROR?project=demo-proj',
    ...overrides,
  };
}

export function configWarningIncident(overrides: Partial<Incident> = {}): Incident {
  const s = sample({
    insertId: '68bd8a00000b9c8d7e6f5a4b',
    timestamp: '2025-09-07T13:20:03.000000Z',
    severity: 'WARNING',
    logKind: 'stdout',
    text: 'config: JWKS_CACHE_TTL not set, using default 300s',
  });
  return {
    key: 'a1b2c3d4e5f60718',
    fingerprint: { version: 1, kind: 'template', basis: 'template 0f1e2d3c4b5a6978' },
    title: 'config: JWKS_CACHE_TTL not set, using default <*>',
    score: {
      total: 12,
      priority: 'P3',
      components: [{ name: 'severity', measured: 'WARNING', points: 10, why: 'WARNING' }, { name: 'volume', measured: '3 entries', points: 2, why: '< 10 entries' }],
      thresholds: 'P0 >= 80, P1 >= 55, P2 >= 30, else P3',
    },
    classification: 'other',
    classificationReason: 'seen in earlier runs with no open issue or change',
    service: 'auth-api',
    count: 3,
    bySeverity: { WARNING: 3 },
    firstSeen: '2025-09-07T13:20:03.000000Z',
    lastSeen: '2025-09-07T13:36:42.000000Z',
    allTimeFirstSeen: '2025-08-12T08:00:01.000000Z',
    allTimeLastSeen: '2025-09-07T13:36:42.000000Z',
    perMinute: [
      { minute: '2025-09-07T13:20:00Z', count: 1 },
      { minute: '2025-09-07T13:36:00Z', count: 2 },
    ],
    peakPerMinute: { minute: '2025-09-07T13:36:00Z', count: 2 },
    currentPerMinute: 0,
    revisions: [
      { name: 'auth-api-00042-xyz', count: 1, firstSeen: '2025-09-07T13:20:03.000000Z' },
      { name: 'auth-api-00043-abc', count: 2, firstSeen: '2025-09-07T13:36:42.000000Z' },
    ],
    instances: 3,
    traces: 0,
    templates: [{ id: '0f1e2d3c4b5a6978', template: 'config: JWKS_CACHE_TTL not set, using default <*>', count: 3, samples: [s] }],
    samples: [s],
    grouping: ['one template'],
    hints: [],
    routine: false,

    related: [],
    ...overrides,
  };
}

/** Sixty minutes of the whole service, consistent with the incidents above plus ordinary traffic. */
function servicePerMinute(): RunReport['perMinute'] {
  const errors: Record<string, number> = { '13:36': 1, '13:37': 2, '13:39': 2, '13:41': 1 };
  const warnings: Record<string, number> = { '13:20': 1, '13:21': 3, '13:35': 19, '13:36': 50, '13:37': 150, '13:38': 92, '14:00': 60, '14:18': 35, '14:19': 5 };
  const out: RunReport['perMinute'] = [];
  for (let i = 0; i < 60; i++) {
    const ms = Date.parse(WINDOW.from) + i * 60_000;
    const minute = new Date(ms).toISOString().replace(/:\d\d\.\d{3}Z$/, ':00Z');
    const hhmm = minute.slice(11, 16);
    out.push({ minute, errors: errors[hhmm] ?? 0, warnings: warnings[hhmm] ?? 0, other: 40 + (i % 7) });
  }
  return out;
}

export function buildRunReport(overrides: Partial<RunReport> = {}): RunReport {
  const perMinute = servicePerMinute();
  const incidents = [jwtIncident(), crashLoopIncident(), configWarningIncident()];
  const sum = (f: (m: RunReport['perMinute'][number]) => number): number => perMinute.reduce((a, m) => a + f(m), 0);
  const other = sum((m) => m.other);
  // Records: every per-minute entry plus the 6 exit lines without severity (DEFAULT, counted as other
  // by severity but not by minute here). Entries: records + 30 folded traceback fragments + 2 skipped.
  const records = other + sum((m) => m.warnings) + sum((m) => m.errors) + 6;
  const entries = records + 30 + 2;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'log-gardener', version: '0.1.0' },
    service: 'auth-api',
    project: 'demo-proj',
    window: { ...WINDOW },
    query: 'resource.type="cloud_run_revision" AND resource.labels.service_name="auth-api"',
    summary: {
      entriesRead: entries,
      recordsAnalysed: records,
      bySeverity: { ERROR: sum((m) => m.errors), WARNING: sum((m) => m.warnings), INFO: other - 6, DEFAULT: 6 },
      errorsPerMinutePeak: { minute: '2025-09-07T13:37:00Z', count: 2 },
      errorsPerMinuteNow: 0,
      incidentsByPriority: { P0: 1, P1: 1, P2: 0, P3: 1 },
      newIncidents: 1,
      regressions: 1,
      routinePatterns: 0,
    },
    // Deliberately not in priority order: renderers must order incidents themselves.
    incidents: [incidents[2]!, incidents[0]!, incidents[1]!],
    perMinute,
    timeline: [
      { time: '2025-09-07T13:20:03.000000Z', incidentKey: 'a1b2c3d4e5f60718', event: 'first seen: config: JWKS_CACHE_TTL not set, using default <*>' },
      { time: '2025-09-07T13:21:04.512873Z', incidentKey: '3f9a1c2b7d4e5f60', event: 'first seen: WebSocket /ws/events rejected with 403: JWT signature invalid' },
      { time: '2025-09-07T13:36:41.230000Z', incidentKey: '7e8f9a0b1c2d3e4f', event: "first seen: ModuleNotFoundError: No module named 'cachetools' at start-up (crash loop)" },
      { time: '2025-09-07T13:37:00Z', incidentKey: '3f9a1c2b7d4e5f60', event: 'peak 150/min: WebSocket /ws/events rejected with 403: JWT signature invalid' },
      { time: '2025-09-07T13:41:02.880000Z', incidentKey: '7e8f9a0b1c2d3e4f', event: "last seen: ModuleNotFoundError: No module named 'cachetools' at start-up (crash loop)" },
    ],
    coverage: {
      sources: [
        {
          input: 'exports/auth-api-2025-09-07.json',
          format: 'gcloud-json',
          entries,
          records,
          folded: 30,
          problemCount: 2,
          problems: [
            { input: 'exports/auth-api-2025-09-07.json', line: 1184, reason: 'element is not a LogEntry object (a string)' },
            { input: 'exports/auth-api-2025-09-07.json', line: 2207, reason: 'timestamp "2025-13-40T99:00:00Z" is not a valid RFC 3339 time' },
          ],
          complete: true,
        },
      ],
      outsideWindow: 17,
      belowMinSeverity: 0,
      duplicates: 0,
      miner: { lines: 3240, templates: 28, skipped: 1, truncated: 0, evicted: 0 },
      complete: true,
      notes: ['1 line longer than 16384 characters was not mined (counted above as skipped)'],
    },
    ...overrides,
  };
}

/** Log text that tries every way to break out of Markdown and HTML, or to notify people on GitHub. */
export const HOSTILE_TEXT = [
  '```',
  '</details></summary></code></pre>',
  '<script>alert("x")</script><img src=x onerror=alert(1)>',
  '| a | b |',
  '@octocat @acme/oncall fixes #1 acme/api#2 GH-3',
  `Authorization: Bearer ${FAKE_JWT}`,
  'password=hunter2 ~~~ ---',
  ']]> <!-- x --> & &amp;',
].join('\n');

/** The realistic report with hostile text in every place log text can reach. */
export function hostileRunReport(): RunReport {
  const base = buildRunReport();
  const hostileSample: Sample = {
    insertId: 'hostile-1',
    timestamp: '2025-09-07T13:40:00Z',
    severity: 'ERROR',
    text: HOSTILE_TEXT,
  };
  const inc = jwtIncident({
    title: 'boom `x` | </details> <script>alert(1)</script> @octocat #7',
    samples: [hostileSample],
    templates: [{ id: 'hostile-template', template: HOSTILE_TEXT, count: 5, samples: [hostileSample] }],
    exception: { type: '</summary><script>', message: HOSTILE_TEXT, topFrames: ['``` `a` |b|', '</details>'], language: 'python' },
    grouping: ['| pipes | and `ticks` @octocat'],
    classificationReason: '</details> @octocat #9',
  });
  return { ...base, incidents: [inc, ...base.incidents.slice(2)] };
}

/** A quiet run: nothing read in the window, no incidents, no sources. */
export function emptyRunReport(): RunReport {
  return buildRunReport({
    incidents: [],
    perMinute: [],
    timeline: [],
    summary: {
      entriesRead: 0,
      recordsAnalysed: 0,
      bySeverity: {},
      errorsPerMinutePeak: null,
      errorsPerMinuteNow: 0,
      incidentsByPriority: { P0: 0, P1: 0, P2: 0, P3: 0 },
      newIncidents: 0,
      regressions: 0,
      routinePatterns: 0,
    },
    coverage: { sources: [], outsideWindow: 0, belowMinSeverity: 0, duplicates: 0, miner: { lines: 0, templates: 0, skipped: 0, truncated: 0, evicted: 0 }, complete: true, notes: [] },
  });
}

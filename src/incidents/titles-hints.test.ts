import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hintsFor } from './hints.js';
import type { IncidentFigures } from './stats.js';
import { exceptionSummary, readable, titleOf } from './titles.js';
import type { IncidentView } from './view.js';
import { pyException, pyFrame } from './testdata/make-record.js';

function view(p: Omit<Partial<IncidentView>, 'figures'> & { figures?: Partial<IncidentFigures> }): IncidentView {
  const figures: IncidentFigures = {
    count: 1, bySeverity: {}, maxSeverity: 'ERROR', maxEffectiveSeverity: 'ERROR', firstMs: 0, lastMs: 0, perMinute: [],
    peakPerMinute: { minute: 'm', count: 1 }, currentPerMinute: 0, freshPerMinute: [], revisions: [], instances: 0, traces: 0,
    users: 0, failedRequests: 0, exits: 0, exitCodes: new Map(), ...(p.figures ?? {}),
  };
  const { figures: _f, ...rest } = p;
  return { templates: [], requests: [], ...rest, figures };
}

const moduleError = pyException('ModuleNotFoundError', "No module named 'app.services.monitoring'", []);

test('crash loop title names the exception, the module and the exit code', () => {
  const v = view({ exception: moduleError, startUp: true, figures: { exits: 6, exitCodes: new Map([['3', 6]]) } });
  assert.equal(titleOf(v), 'Start-up crash loop: ModuleNotFoundError app.services.monitoring (exit 3)');
  assert.equal(titleOf(view({ exception: moduleError, figures: { exits: 1, exitCodes: new Map([['1', 1]]) } })), 'Crash: ModuleNotFoundError app.services.monitoring (exit 1)');
  const oom = pyException('MemoryError', '', [pyFrame('/app/app/render.py', 'render')]);
  assert.equal(titleOf(view({ exception: oom, startUp: false, figures: { exits: 3, exitCodes: new Map([['137', 3]]) } })), 'Crash loop: MemoryError in render (exit 137)');
});

test('request titles: route and status, or the auth failure they show', () => {
  assert.equal(titleOf(view({ requests: [{ method: 'GET', route: '/api/x', status: 503, count: 4 }] })), 'GET /api/x → 503');
  const ws = view({
    requests: [{ method: 'GET', route: '/ws', status: 403, count: 52 }],
    templates: [{ id: 'a', text: 'JWT verification failed - likely secret mismatch between services', count: 37 }],
  });
  assert.equal(titleOf(ws), 'WebSocket 403: JWT validation rejected between services');
  const ex = pyException('KeyError', "'user'", [pyFrame('/app/app/h.py', 'get_user')]);
  assert.equal(titleOf(view({ requests: [{ method: 'POST', route: '/api/u/<num>', status: 500, count: 2 }], exception: ex })), "POST /api/u/<num> → 500: KeyError: 'user' in get_user");
});

test('template titles drop the logging prefix', () => {
  assert.equal(readable('<*> <*> - app.clients.auth - ERROR - Auth service is required'), 'Auth service is required');
  assert.equal(readable('[<*> <*> <*>] [<*>] [INFO] Reason: Worker failed to boot.'), 'Reason: Worker failed to boot.');
  assert.equal(readable("WARNING:root:Optional SDK 'x' is not installed"), "Optional SDK 'x' is not installed");
  assert.equal(readable('LabSZ sshd[<*>]: Failed password for <*> from <*> port <*> ssh2'), 'Failed password for <*> from <*> port <*> ssh2');
  assert.equal(exceptionSummary(pyException('ValueError', 'bad', [pyFrame('/app/a.py', 'f')])), 'ValueError: bad in f');
});

test('hints fire on evidence and quote it', () => {
  const cases: [Omit<Partial<IncidentView>, 'figures'>, string, RegExp][] = [
    [{ templates: [{ id: 'a', text: 'connect ECONNREFUSED 10.0.0.5:5432', count: 3 }] }, 'dependency-unreachable', /ECONNREFUSED/],
    [{ templates: [{ id: 'a', text: 'QueuePool limit of size <*> overflow <*> reached, connection timed out', count: 3 }] }, 'pool-exhausted', /QueuePool/],
    [{ templates: [{ id: 'a', text: '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed', count: 1 }] }, 'tls-verify', /CERTIFICATE_VERIFY_FAILED/],
    [{ templates: [{ id: 'a', text: 'Memory limit of 512 MiB exceeded with 530 MiB used', count: 1 }] }, 'out-of-memory', /Memory limit/],
    [{ requests: [{ method: 'GET', route: '/ws', status: 403, count: 5 }], templates: [{ id: 'a', text: 'Invalid JWT audience', count: 5 }] }, 'token-validation', /Invalid JWT audience/],
  ];
  for (const [v, id, evidence] of cases) {
    const hints = hintsFor(view(v));
    const h = hints.find((x) => x.id === id);
    assert.ok(h, `${id} expected, got ${hints.map((x) => x.id).join(',')}`);
    assert.match(h.evidence, evidence);
    assert.ok(h.checks.length > 0);
  }
});

test('pool exhaustion is not also reported as an unreachable dependency', () => {
  const hints = hintsFor(view({ templates: [{ id: 'a', text: 'QueuePool limit of size 5 overflow 10 reached, connection timed out', count: 3 }] }));
  assert.deepEqual(hints.map((h) => h.id), ['pool-exhausted']);
});

test('ModuleNotFoundError is a broken deploy only after a new revision or with exits', () => {
  assert.deepEqual(hintsFor(view({ exception: moduleError })).map((h) => h.id), []);
  const h = hintsFor(view({ exception: moduleError, freshRevision: 'svc-00042' }));
  assert.equal(h[0]?.id, 'broken-deploy');
  assert.equal(h[0]?.evidence, `"ModuleNotFoundError: No module named 'app.services.monitoring'" (revision svc-00042 is new)`);
});

test('no hint without evidence', () => {
  assert.deepEqual(hintsFor(view({ templates: [{ id: 'a', text: 'Processed order <*> in <*>', count: 100 }] })), []);
});

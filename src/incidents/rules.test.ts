import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { GardenerError } from '../core/errors.js';
import { applyRules, parseRules } from './rules.js';
import { pyException, pyFrame, rec, t } from './testdata/make-record.js';
import { runEngine } from './testdata/run-engine.js';

const example = readFileSync(new URL('./testdata/rules.example.yaml', import.meta.url), 'utf8');

test('the example rules file parses', () => {
  const rules = parseRules(example);
  assert.deepEqual(rules.rules.map((r) => r.name), ['auth rejections', 'health checks', 'per tenant', 'payments', 'rule 5']);
});

test('clear errors name the rule and field at fault', () => {
  const bad: [string, RegExp][] = [
    ['rules: [', /not valid YAML/],
    ['rules:\n  - match: { message: x }\n    merge: a\n    ignore: true', /rules\[0\]: use at most one of merge, split_by_label, ignore/],
    ['rules:\n  - match: { mesage: x }\n    ignore: true', /rules\[0\]\.match: Unrecognized key\(s\) in object: 'mesage'/],
    ['rules:\n  - match: { severity: "~ERROR" }\n    ignore: true', /rules\[0\]\.match\.severity/],
    ['rules:\n  - match: { message: x }', /needs an action/],
    ['rules:\n  - match: { message: "/(/" }\n    ignore: true', /invalid regular expression/],
    ['rulez: []', /rules file: rules: Required/],
  ];
  for (const [text, re] of bad) {
    assert.throws(() => parseRules(text), (err: unknown) => err instanceof GardenerError && err.kind === 'config' && re.test(err.message), text);
  }
  assert.deepEqual(parseRules('').rules, []);
});

test('matchers: message glob and regex, logger, exception, path, function, label, severity', () => {
  const ex = pyException('psycopg2.OperationalError', 'could not connect', [pyFrame('/app/app/db/pool.py', 'acquire')]);
  const r = rec({ severity: 'ERROR', message: 'db failed for tenant 7', logger: 'app.db', labels: { tenant: 'acme' }, exception: ex });
  const m = (yaml: string) => applyRules(parseRules(`rules:\n  - match: ${yaml}\n    owner: x`), r).annotations.length === 1;
  assert.ok(m('{ message: "db failed*" }'));
  assert.ok(m('{ message: "/tenant \\\\d+$/" }'));
  assert.ok(!m('{ message: "db ok*" }'));
  assert.ok(m('{ logger: "app.*" }'));
  assert.ok(m('{ exception: "*.OperationalError" }'));
  assert.ok(m('{ path: "*/db/pool.py" }'));
  assert.ok(m('{ function: acquire }'));
  assert.ok(m('{ label: { tenant: acme } }'));
  assert.ok(!m('{ label: { tenant: other } }'));
  assert.ok(m('{ severity: ">=WARNING" }'));
  assert.ok(!m('{ severity: "CRITICAL" }'));
  assert.ok(m('{ severity: ">=WARNING", logger: "app.db" }'));
});

test('actions: merge, ignore, split by label, title, priority, owner', () => {
  const rules = parseRules(`
rules:
  - name: auth
    match: { message: "*JWT*" }
    merge: JWT rejections
  - match: { message: "GET /health*" }
    ignore: true
  - match: { message: "quota exceeded*" }
    split_by_label: tenant
  - match: { message: "*JWT*" }
    title: Auth between services is broken
    priority: P0
    owner: "@team-auth"
`);
  const recs = [
    rec({ at: t(0), severity: 'WARNING', message: 'WebSocket rejected: Invalid JWT' }),
    rec({ at: t(1), severity: 'ERROR', message: 'JWT verification failed' }),
    rec({ at: t(2), message: 'GET /health 200' }),
    rec({ at: t(3), severity: 'ERROR', message: 'quota exceeded', labels: { tenant: 'a' } }),
    rec({ at: t(4), severity: 'ERROR', message: 'quota exceeded', labels: { tenant: 'b' } }),
  ];
  const run = runEngine(recs, { config: { rules } });
  assert.equal(run.incidentOf[0], run.incidentOf[1]);
  assert.equal(run.incidentOf[2], '', 'ignored entries belong to no incident');
  assert.notEqual(run.incidentOf[3], run.incidentOf[4]);
  const auth = run.incidentAt(0);
  assert.equal(auth.fingerprint.kind, 'rule');
  assert.equal(auth.title, 'Auth between services is broken');
  assert.equal(auth.score.priority, 'P0');
  assert.equal(auth.owner, '@team-auth');
  assert.match(auth.grouping[0] ?? '', /rule "auth" merges/);
  assert.equal(run.result.incidents.length, 3);
});

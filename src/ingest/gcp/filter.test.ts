import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLoggingFilter, quoteFilterValue } from './filter.js';
import { compileFilter, makeEntries } from '../../../test/fakes/logging-server.js';

const base = { project: 'demo-project', service: 'checkout', from: '2025-09-07T13:00:00.000Z', to: '2025-09-07T14:00:00.000Z' };

test('builds the exact query: resource, service label, half-open UTC window, severity keeping stderr DEFAULT', () => {
  assert.equal(
    buildLoggingFilter(base),
    [
      'resource.type = "cloud_run_revision"',
      'AND resource.labels.service_name = "checkout"',
      'AND timestamp >= "2025-09-07T13:00:00.000Z"',
      'AND timestamp < "2025-09-07T14:00:00.000Z"',
      'AND (severity >= WARNING OR (severity = DEFAULT AND logName = "projects/demo-project/logs/run.googleapis.com%2Fstderr"))',
    ].join('\n'),
  );
});

test('minSeverity, resource type with its own service label, and the extra filter in parentheses', () => {
  const f = buildLoggingFilter({ ...base, resourceType: 'cloud_run_job', minSeverity: 'ERROR', extraFilter: '  textPayload:"x" OR httpRequest.status>=500 ' });
  assert.match(f, /^resource\.type = "cloud_run_job"\nAND resource\.labels\.job_name = "checkout"/);
  assert.match(f, /AND \(severity >= ERROR OR \(severity = DEFAULT AND logName = /);
  assert.ok(f.endsWith('\nAND (textPayload:"x" OR httpRequest.status>=500)'), f);
});

test('minSeverity DEFAULT drops the severity clause; no service drops the label clause', () => {
  const f = buildLoggingFilter({ project: 'p-1', from: base.from, to: base.to, minSeverity: 'DEFAULT' });
  assert.doesNotMatch(f, /severity/);
  assert.doesNotMatch(f, /service_name/);
});

test('quotes values with backslashes and double quotes', () => {
  assert.equal(quoteFilterValue('a"b\\c'), '"a\\"b\\\\c"');
});

test('rejects a project id that would break the query', () => {
  assert.throws(() => buildLoggingFilter({ ...base, project: 'x" OR "1' }), /invalid Google Cloud project id/);
});

test('OR binds tighter than AND: the user filter cannot widen the service or window', () => {
  // In the Logging language `a AND b OR c` is `a AND (b OR c)`. Our clauses are parenthesized,
  // so an OR in the extra filter stays inside it.
  const [inWindow, other] = [
    makeEntries(1, { start: '2025-09-07T13:10:00Z', severities: ['ERROR'] })[0],
    makeEntries(1, { start: '2025-09-07T13:10:00Z', severities: ['ERROR'], service: 'billing' })[0],
  ];
  const early = makeEntries(1, { start: '2025-09-07T12:59:59Z', severities: ['ERROR'] })[0];
  const matches = compileFilter(buildLoggingFilter({ ...base, extraFilter: 'severity = ERROR OR jsonPayload.message:"request"' }));
  assert.equal(matches(inWindow ?? {}), true);
  assert.equal(matches(other ?? {}), false, 'another service must not leak in through the OR');
  assert.equal(matches(early ?? {}), false, 'an entry before the window must not leak in through the OR');
  // Stderr entries without severity are kept; stdout INFO is not.
  const [stderrLine] = makeEntries(1, { start: '2025-09-07T13:20:00Z', severities: [undefined] });
  const [info] = makeEntries(1, { start: '2025-09-07T13:20:00Z', severities: ['INFO'] });
  const plain = compileFilter(buildLoggingFilter(base));
  assert.equal(plain(stderrLine ?? {}), true);
  assert.equal(plain(info ?? {}), false);
  // The window is half-open: an entry exactly at `to` belongs to the next window.
  const [atEnd] = makeEntries(1, { start: '2025-09-07T14:00:00Z', severities: ['ERROR'] });
  assert.equal(plain(atEnd ?? {}), false);
});

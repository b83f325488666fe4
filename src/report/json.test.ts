import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderJson } from './json.js';
import type { RunReport } from './model.js';
import { compileSchema, reportSchema as schema, strictCopy } from './testdata/schema-check.js';
import { buildRunReport, emptyRunReport, FAKE_JWT, hostileRunReport } from './testdata/fixtures.js';

const validator = compileSchema;

test('the rendered report validates against docs/report.schema.json (draft 2020-12)', () => {
  const validate = validator(schema);
  for (const r of [buildRunReport(), hostileRunReport(), emptyRunReport()]) {
    const ok = validate(JSON.parse(renderJson(r)));
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  }
});

test('the schema documents every key the renderer writes (strict copy)', () => {
  const validate = validator(strictCopy(schema) as object);
  const github = { repo: 'acme/api', applied: true, actions: { create: 2 }, done: 2, deferred: 0, failed: 0 };
  for (const r of [buildRunReport(), buildRunReport({ github })]) {
    const ok = validate(JSON.parse(renderJson(r)));
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  }
});

test('the schema rejects what it should', () => {
  const validate = validator(schema);
  const good = JSON.parse(renderJson(buildRunReport())) as Record<string, unknown>;
  assert.equal(validate({ ...good, schemaVersion: 2 }), false);
  assert.equal(validate({ ...good, window: { from: 'yesterday', to: '2025-09-07T14:20:00Z', basis: 'flags' } }), false);
  const incidents = good.incidents as Record<string, unknown>[];
  assert.equal(validate({ ...good, incidents: [{ ...incidents[0], classification: 'urgent' }] }), false);
});

test('stable key order: top level documented, nested sorted, 2-space indent, trailing newline', () => {
  const json = renderJson(buildRunReport());
  assert.ok(json.endsWith('}\n') && !json.endsWith('\n\n'));
  const top = Object.keys(JSON.parse(json) as object);
  assert.deepEqual(top, ['schemaVersion', 'tool', 'service', 'project', 'window', 'query', 'summary', 'incidents', 'perMinute', 'timeline', 'coverage']);
  assert.ok(json.startsWith('{\n  "schemaVersion": 1,\n  "tool": {\n    "name": "log-gardener",'));
  const inc = (JSON.parse(json) as RunReport).incidents[0]!;
  const keys = Object.keys(inc);
  assert.deepEqual(keys, [...keys].sort());
});

test('byte-identical for the same model, whatever order its keys or incidents were built in', () => {
  const r = buildRunReport();
  const a = renderJson(r);
  assert.equal(renderJson(buildRunReport()), a);
  const reordered = Object.fromEntries(Object.entries(r).reverse()) as unknown as RunReport;
  const incidents = [...r.incidents].reverse().map((i) => Object.fromEntries(Object.entries(i).reverse())) as unknown as RunReport['incidents'];
  assert.equal(renderJson({ ...reordered, incidents }), a);
});

test('figures are the model figures; incidents in priority order; secrets redacted', () => {
  const r = buildRunReport();
  const out = JSON.parse(renderJson(r)) as RunReport;
  assert.deepEqual(out.summary, JSON.parse(JSON.stringify(r.summary)));
  assert.deepEqual(out.incidents.map((i) => i.score.priority), ['P0', 'P1', 'P3']);
  assert.equal(out.incidents[1]!.count, 412);
  const json = renderJson(r);
  assert.ok(!json.includes(FAKE_JWT));
  assert.ok(json.includes('WebSocket /ws/events?token=[REDACTED:jwt] rejected'));
  // JSON keeps log text verbatim apart from redaction: no mention neutralizing in data.
  assert.ok(renderJson(hostileRunReport()).includes('@octocat @acme/oncall fixes #1'));
});

test('a non-finite figure is refused rather than written as null', () => {
  const r = buildRunReport();
  assert.throws(() => renderJson({ ...r, summary: { ...r.summary, errorsPerMinuteNow: Number.NaN } }), /non-finite/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JsonArraySplitter, openFileSource } from '../../src/ingest/index.js';
import type { LogRecord } from '../../src/core/record.js';

// Reads the real Cloud Logging exports in ../shared and checks the streamed source against an
// independent JSON.parse of each whole file.

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dataDir = resolve(root, '../shared/data/cloud-logging');
const files = readdirSync(dataDir).filter((f) => f.endsWith('.json')).sort();

test('the three shared exports are present', () => {
  assert.deepEqual(files, ['cloud-run-auth-failures-2025-09-07.json', 'cloud-run-auth-issues-small.json', 'cloud-run-mixed-payloads.json']);
});

for (const file of files) {
  test(`${file}: every entry accounted for, fields match an independent parse`, async () => {
    const path = join(dataDir, file);
    const entries = JSON.parse(readFileSync(path, 'utf8')) as Array<Record<string, unknown>>;
    const source = openFileSource([path]);
    const records: LogRecord[] = [];
    for await (const r of source.records()) records.push(r);
    const [cov] = source.coverage();

    assert.equal(cov?.format, 'gcloud-json');
    assert.equal(cov?.entries, entries.length);
    assert.equal(cov?.problemCount, 0);
    assert.equal(cov?.complete, true);
    assert.equal(cov?.records, records.length);
    assert.equal(records.length + (cov?.folded ?? 0), entries.length);

    // Each insertId appears exactly once, either as a record or folded into one.
    const seen = records.flatMap((r) => [r.insertId, ...(r.foldedInsertIds ?? [])]);
    assert.deepEqual([...seen].sort(), entries.map((e) => String(e['insertId'])).sort());

    const byId = new Map(entries.map((e) => [String(e['insertId']), e]));
    for (const r of records) {
      const e = byId.get(r.insertId) as Record<string, unknown>;
      assert.equal(r.timeMs, Math.floor(Date.parse(String(e['timestamp']))), `time of ${r.insertId}`);
      const expectedSeverity = e['severity'] === undefined ? 'DEFAULT' : String(e['severity']);
      if (r.foldedInsertIds === undefined) assert.equal(r.severity, expectedSeverity, `severity of ${r.insertId}`);
      if (typeof e['textPayload'] === 'string' && r.foldedInsertIds === undefined) assert.equal(r.message, e['textPayload']);
      const http = e['httpRequest'] as Record<string, unknown> | undefined;
      if (http !== undefined) assert.equal(r.http?.status, Number(http['status']));
      const labels = e['labels'] as Record<string, string> | undefined;
      assert.equal(r.instanceId, labels?.['instanceId']);
    }

    const countBy = (f: (e: Record<string, unknown>) => boolean) => entries.filter(f).length;
    const logIs = (suffix: string) => (e: Record<string, unknown>) => String(e['logName']).endsWith(suffix);
    assert.equal(records.filter((r) => r.logKind === 'requests').length, countBy(logIs('%2Frequests')));
    assert.equal(records.filter((r) => r.logKind === 'audit').length, countBy((e) => String(e['logName']).includes('cloudaudit.googleapis.com')));
    assert.equal(records.filter((r) => r.logKind === 'varlog').length, countBy(logIs('%2Fvarlog%2Fsystem')));
    assert.equal(records.filter((r) => r.severity === 'ERROR').length, countBy((e) => e['severity'] === 'ERROR'));
  });
}

test('request logs of the auth-failures export carry their 403s and latencies', async () => {
  const path = join(dataDir, 'cloud-run-auth-failures-2025-09-07.json');
  const entries = JSON.parse(readFileSync(path, 'utf8')) as Array<{ httpRequest?: { status?: number; latency?: string } }>;
  const records: LogRecord[] = [];
  for await (const r of openFileSource([path]).records()) records.push(r);
  const expected403 = entries.filter((e) => e.httpRequest?.status === 403).length;
  assert.ok(expected403 > 0);
  assert.equal(records.filter((r) => r.http?.status === 403).length, expected403);
  const sumLatency = (xs: Array<number | undefined>) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);
  const expectedMs = sumLatency(entries.map((e) => (e.httpRequest?.latency ? Number.parseFloat(e.httpRequest.latency) * 1000 : undefined)));
  assert.ok(Math.abs(sumLatency(records.map((r) => r.http?.latencyMs)) - expectedMs) < 1e-6 * expectedMs);
});

test('the JSON array splitter cuts the real exports exactly where JSON.parse does, whatever the chunking', () => {
  for (const file of files) {
    const text = readFileSync(join(dataDir, file), 'utf8');
    const expected = JSON.parse(text) as unknown[];
    for (const size of [1, 7, 4096]) {
      const splitter = new JsonArraySplitter();
      const texts: string[] = [];
      for (let i = 0; i < text.length; i += size) for (const el of splitter.push(text.slice(i, i + size))) texts.push(el.text ?? `problem: ${el.problem}`);
      for (const el of splitter.end()) texts.push(el.text ?? `problem: ${el.problem}`);
      assert.equal(texts.length, expected.length, `${file} in chunks of ${size}`);
      assert.deepEqual(texts.map((t) => JSON.parse(t) as unknown), expected, `${file} in chunks of ${size}`);
    }
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { GardenerError } from '../core/errors.js';
import type { LogRecord } from '../core/record.js';
import type { RecordSource } from '../core/source.js';
import { openFileSource } from './file-source.js';

const dir = mkdtempSync(join(tmpdir(), 'lg-ingest-'));

function entry(i: number): Record<string, unknown> {
  return {
    insertId: `id-${String(i).padStart(4, '0')}`,
    timestamp: new Date(Date.UTC(2025, 8, 7, 13, 0, 0) + i * 1000).toISOString(),
    severity: i % 10 === 0 ? 'ERROR' : 'INFO',
    logName: 'projects/acme/logs/run.googleapis.com%2Fstdout',
    resource: { type: 'cloud_run_revision', labels: { service_name: 'demo-api' } },
    textPayload: `request ${i} done`,
  };
}

async function drain(source: RecordSource): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  for await (const r of source.records()) out.push(r);
  return out;
}

test('NDJSON of 1000 entries with malformed lines 11, 501 and 991: 997 records, exactly those lines reported', async () => {
  const lines: string[] = [];
  for (let i = 1; i <= 1000; i++) lines.push([11, 501, 991].includes(i) ? `{"insertId": "broken-${i}", "textPayload": ` : JSON.stringify(entry(i)));
  const path = join(dir, 'thousand.ndjson');
  writeFileSync(path, lines.join('\n') + '\n');
  const source = openFileSource([path], {});
  const records = await drain(source);
  assert.equal(records.length, 997);
  const [cov] = source.coverage();
  assert.equal(cov?.format, 'ndjson');
  assert.equal(cov?.entries, 1000);
  assert.equal(cov?.records, 997);
  assert.equal(cov?.problemCount, 3);
  assert.deepEqual(cov?.problems.map((p) => [p.input, p.line]), [[path, 11], [path, 501], [path, 991]]);
  assert.equal(cov?.complete, true);
  assert.equal(records[10]?.origin.line, 12, 'origin line numbers are file lines');
});

test('problem list is capped, the count stays exact', async () => {
  const path = join(dir, 'many-bad.ndjson');
  writeFileSync(path, Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? '{bad' : JSON.stringify(entry(i)))).join('\n'));
  const source = openFileSource([path], { maxProblems: 5 });
  await drain(source);
  const [cov] = source.coverage();
  assert.equal(cov?.problemCount, 15);
  assert.equal(cov?.problems.length, 5);
});

test('gcloud JSON array and its .gz give the same records, in input order', async () => {
  const entries = Array.from({ length: 50 }, (_, i) => entry(i));
  const json = join(dir, 'export.json');
  const gz = join(dir, 'export.json.gz');
  writeFileSync(json, JSON.stringify(entries, null, 2));
  writeFileSync(gz, gzipSync(JSON.stringify(entries, null, 2)));
  const a = await drain(openFileSource([json]));
  const source = openFileSource([gz]);
  const b = await drain(source);
  assert.deepEqual(a.map((r) => r.insertId), entries.map((e) => e['insertId']));
  assert.deepEqual(b.map((r) => r.insertId), a.map((r) => r.insertId));
  assert.equal(source.coverage()[0]?.format, 'gcloud-json');
  assert.equal(a[3]?.origin.line, 4, 'array records carry their 1-based index');
});

test('a malformed array element is reported with its line and element number; the rest is read', async () => {
  const path = join(dir, 'bad-element.json');
  writeFileSync(path, '[\n  {"insertId": "a", "textPayload": "x"},\n  {"insertId": "b", oops},\n  7,\n  {"insertId": "c", "textPayload": "z"}\n]\n');
  const source = openFileSource([path]);
  const records = await drain(source);
  assert.deepEqual(records.map((r) => r.insertId), ['a', 'c']);
  const [cov] = source.coverage();
  assert.equal(cov?.entries, 4);
  assert.deepEqual(cov?.problems.map((p) => [p.line, p.reason.split(':')[0]]), [[3, 'element #2'], [4, 'element #3']]);
});

test('stdin ("-") with plain text: level guessed, timestamp parsed, deterministic insertIds', async () => {
  const text = [
    '2025-09-07 13:35:00,013 - auth - WARNING - Token validation failed',
    '[2025-09-07 13:34:00 +0000] [15] [ERROR] Worker (pid:16) was sent SIGTERM!',
    'ts=now level=debug msg="cache miss"',
    '',
    'no level and no time here',
  ].join('\n');
  const read = async () => {
    const source = openFileSource(['-'], { stdin: Readable.from([Buffer.from(text)]) });
    return { records: await drain(source), cov: source.coverage()[0] };
  };
  const { records, cov } = await read();
  assert.equal(cov?.format, 'text');
  assert.equal(cov?.input, '-');
  assert.deepEqual(records.map((r) => r.severity), ['WARNING', 'ERROR', 'DEBUG', 'DEFAULT']);
  assert.equal(records[0]?.timestamp, '2025-09-07T13:35:00.013Z');
  assert.equal(records[1]?.timestamp, '2025-09-07T13:34:00Z');
  // Lines without a time carry the previous record's time, and the coverage note says so.
  assert.equal(records[2]?.timestamp, '2025-09-07T13:34:00Z');
  assert.match(cov?.note ?? '', /2 records had no timestamp/);
  assert.deepEqual(records.map((r) => r.origin.line), [1, 2, 3, 5]);
  assert.equal(records[0]?.message, '2025-09-07 13:35:00,013 - auth - WARNING - Token validation failed');
  const again = await read();
  assert.deepEqual(again.records.map((r) => r.insertId), records.map((r) => r.insertId));
  assert.equal(new Set(records.map((r) => r.insertId)).size, 4);
});

test('a text traceback is folded into one record', async () => {
  const path = join(dir, 'app.log');
  writeFileSync(path, [
    '2025-09-07 13:00:00 ERROR boot failed',
    'Traceback (most recent call last):',
    '  File "/app/main.py", line 3, in <module>',
    'ImportError: cannot import name x',
    '2025-09-07 13:00:01 INFO retrying',
  ].join('\n'));
  const source = openFileSource([path]);
  const records = await drain(source);
  assert.equal(records.length, 3);
  assert.equal(records[1]?.exception?.type, 'ImportError');
  assert.equal(source.coverage()[0]?.folded, 2);
});

test('a missing file fails with GardenerError("input") before any record flows, naming it', () => {
  const ok = join(dir, 'export.json');
  assert.throws(
    () => openFileSource([ok, join(dir, 'nope.json')]),
    (err: unknown) => err instanceof GardenerError && err.kind === 'input' && err.message === `cannot read ${join(dir, 'nope.json')}: no such file`,
  );
  assert.throws(() => openFileSource([dir]), /is a directory/);
});

test('a corrupt .gz keeps what was read and marks the input incomplete', async () => {
  const path = join(dir, 'corrupt.ndjson.gz');
  const good = gzipSync(Array.from({ length: 200 }, (_, i) => JSON.stringify(entry(i))).join('\n'));
  writeFileSync(path, good.subarray(0, Math.floor(good.length / 2)));
  const source = openFileSource([path]);
  await drain(source);
  const [cov] = source.coverage();
  assert.equal(cov?.complete, false);
  assert.match(cov?.note ?? '', /stopped/);
  assert.ok((cov?.problemCount ?? 0) >= 1);
});

test('a UTF-8 BOM before NDJSON is not a problem', async () => {
  const path = join(dir, 'bom.ndjson');
  writeFileSync(path, '\uFEFF' + [entry(1), entry(2)].map((e) => JSON.stringify(e)).join('\r\n') + '\r\n');
  const source = openFileSource([path]);
  const records = await drain(source);
  assert.equal(source.coverage()[0]?.format, 'ndjson');
  assert.deepEqual(records.map((r) => r.insertId), ['id-0001', 'id-0002']);
  assert.equal(source.coverage()[0]?.problemCount, 0);
});

test('untimed lines at the start take the first time that follows; an input with no time at all gets the epoch, and says so', async () => {
  const first = join(dir, 'late-time.log');
  writeFileSync(first, 'starting\nstill starting\n2025-09-07T10:00:00Z INFO ready\n');
  const none = join(dir, 'no-time.log');
  writeFileSync(none, 'a\nb\n');
  const source = openFileSource([first, none]);
  const records = await drain(source);
  assert.deepEqual(records.map((r) => r.timestamp), ['2025-09-07T10:00:00Z', '2025-09-07T10:00:00Z', '2025-09-07T10:00:00Z', '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z']);
  const [a, b] = source.coverage();
  assert.match(a?.note ?? '', /^2 records had no timestamp/);
  assert.match(b?.note ?? '', /2 before any timed record got 1970/);
});

test('several inputs are read in the order given, each with its own coverage', async () => {
  const one = join(dir, 'one.ndjson');
  const two = join(dir, 'two.log');
  writeFileSync(one, JSON.stringify(entry(1)) + '\n');
  writeFileSync(two, '2025-09-07 13:00:00 WARN disk at 91%\n');
  const source = openFileSource([two, one]);
  const records = await drain(source);
  assert.deepEqual(records.map((r) => r.origin.input), [two, one]);
  assert.deepEqual(source.coverage().map((c) => [c.input, c.format, c.entries, c.records]), [[two, 'text', 1, 1], [one, 'ndjson', 1, 1]]);
});

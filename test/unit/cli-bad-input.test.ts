import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../helpers/run.js';

// Issue 2, must-show 5: malformed lines are counted and reported with their line numbers, the rest
// is processed and the exit code is 0; a missing input is a one-line error with exit code 2.

function entry(i: number): string {
  const t = new Date(Date.UTC(2025, 0, 2, 3, 0, 0) + i * 1000).toISOString();
  return JSON.stringify({
    insertId: `id-${i}`,
    timestamp: t,
    severity: i % 10 === 0 ? 'ERROR' : 'INFO',
    textPayload: i % 10 === 0 ? `payment ${i} failed: card declined` : `handled request ${i} in ${i % 7} ms`,
    logName: 'projects/p/logs/run.googleapis.com%2Fstdout',
    resource: { type: 'cloud_run_revision', labels: { service_name: 'svc', revision_name: 'svc-00001-abc' } },
  });
}

test('NDJSON with malformed lines 11, 501, 991: 997 records analysed, lines reported, exit 0', () => {
  const dir = tempDir();
  const lines: string[] = [];
  for (let i = 1; i <= 1000; i++) lines.push([11, 501, 991].includes(i) ? `{"insertId": "broken-${i}", "timestamp": ` : entry(i));
  const input = join(dir, 'entries.ndjson');
  writeFileSync(input, lines.join('\n') + '\n');
  const out = join(dir, 'out');
  const r = cli(['run', '--input', input, '--out', out, '--state', ':memory:', '--quiet']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /3 malformed entries skipped \(line 11, line 501, line 991\)/);
  const dirJson = join(out, 'svc');
  const json = readdirSync(dirJson).find((f) => f.endsWith('.json') && !f.endsWith('.plan.json'))!;
  const report = JSON.parse(readFileSync(join(dirJson, json), 'utf8'));
  assert.equal(report.summary.recordsAnalysed, 997);
  assert.equal(report.summary.entriesRead, 1000);
  const src = report.coverage.sources[0];
  assert.equal(src.problemCount, 3);
  assert.deepEqual(src.problems.map((p: { line: number }) => p.line), [11, 501, 991]);
  const md = readFileSync(join(dirJson, json.replace(/\.json$/, '.md')), 'utf8');
  for (const n of [11, 501, 991]) assert.match(md, new RegExp(`\\b${n}\\b`));
});

test('a missing input file: exit 2 with a one-line error naming it', () => {
  const dir = tempDir();
  const missing = join(dir, 'nope.json');
  const r = cli(['run', '--input', missing, '--out', join(dir, 'out'), '--state', ':memory:']);
  assert.equal(r.status, 2);
  const errLines = r.stderr.trim().split('\n').filter((l) => l.startsWith('error:'));
  assert.equal(errLines.length, 1);
  assert.ok(errLines[0]!.includes(missing), r.stderr);
  assert.equal(r.stdout, '');
});

test('unknown flags are usage errors (exit 2)', () => {
  const r = cli(['run', '--inptu', 'x']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /error: run: Unknown option '--inptu'/);
});

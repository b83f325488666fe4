import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openMemoryStore } from '../../src/store/memory/memory-store.js';
import { runOn, sharedData, tempDir } from '../helpers/run.js';

// Issue 2, must-show 2: the worklog of a real Cloud Run export. The summary figures are recomputed
// here independently, straight from the JSON, and must match; the JWT / WebSocket rejections must
// be the top incident, with verbatim samples that exist in the input.

const file = join(sharedData, 'cloud-logging/cloud-run-auth-failures-2025-09-07.json');
const SEV_NUM: Record<string, number> = { DEFAULT: 0, DEBUG: 100, INFO: 200, NOTICE: 300, WARNING: 400, ERROR: 500, CRITICAL: 600, ALERT: 700, EMERGENCY: 800 };

interface Entry { insertId: string; timestamp: string; severity?: string; textPayload?: string; jsonPayload?: { message?: string } }

test('auth-failures export: summary figures recomputed from the input match the worklog', { skip: !existsSync(file) && 'shared data not present' }, async () => {
  const entries = JSON.parse(readFileSync(file, 'utf8')) as Entry[];
  const out = tempDir();
  const { report, files } = await runOn([file], { out, store: await openMemoryStore() });
  assert.ok(files.some((f) => f.endsWith('.md')) && files.some((f) => f.endsWith('.json')));
  const json = JSON.parse(readFileSync(files.find((f) => f.endsWith('.json'))!, 'utf8'));
  assert.equal(json.summary.entriesRead, entries.length);

  // Records analysed = entries minus traceback fragments folded into an earlier record.
  const folded = report.coverage.sources.reduce((n, s) => n + s.folded, 0);
  assert.equal(json.summary.recordsAnalysed, entries.length - folded);

  // Errors per minute (ERROR and above), by the entries' own timestamps.
  const perMinute = new Map<string, number>();
  for (const e of entries) {
    if ((SEV_NUM[e.severity ?? 'DEFAULT'] ?? 0) < 500) continue;
    const m = e.timestamp.slice(0, 16) + ':00Z';
    perMinute.set(m, (perMinute.get(m) ?? 0) + 1);
  }
  const peak = [...perMinute.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
  assert.deepEqual(json.summary.errorsPerMinutePeak, { minute: peak[0], count: peak[1] });
  const lastMinute = new Date(Date.parse(json.window.to) - 60_000).toISOString().slice(0, 16) + ':00Z';
  assert.equal(json.summary.errorsPerMinuteNow, perMinute.get(lastMinute) ?? 0);

  // By severity: with no folding of severity-carrying entries, explicit severities count exactly.
  for (const sev of ['ERROR', 'WARNING', 'INFO']) {
    assert.equal(json.summary.bySeverity[sev] ?? 0, entries.filter((e) => e.severity === sev).length, sev);
  }

  // The window is the span of the input, rounded out to whole minutes.
  const times = entries.map((e) => Date.parse(e.timestamp));
  assert.equal(Date.parse(json.window.from), Math.floor(Math.min(...times) / 60_000) * 60_000);
  assert.equal(Date.parse(json.window.to), Math.floor(Math.max(...times) / 60_000) * 60_000 + 60_000);

  // Every incident count adds up to the records analysed (each record belongs to one incident).
  const byKey = json.incidents.filter((i: { fingerprint: { kind: string } }) => i.fingerprint.kind !== 'silence');
  assert.equal(byKey.reduce((n: number, i: { count: number }) => n + i.count, 0), json.summary.recordsAnalysed);
});

test('auth-failures export: the JWT / WebSocket rejection is the top incident, with verbatim samples', { skip: !existsSync(file) && 'shared data not present' }, async () => {
  const entries = JSON.parse(readFileSync(file, 'utf8')) as Entry[];
  const byId = new Map(entries.map((e) => [e.insertId, e]));
  const { report } = await runOn([file], { out: tempDir(), store: await openMemoryStore() });
  const top = report.incidents[0]!;
  const text = [top.title, ...top.templates.map((t) => t.template)].join('\n');
  assert.match(text, /JWT|WebSocket|403/i, `top incident is "${top.title}"`);
  assert.ok(top.samples.length >= 1 && top.samples.length <= 3);
  for (const s of top.samples) {
    const e = byId.get(s.insertId);
    assert.ok(e, `sample ${s.insertId} exists in the input`);
    assert.equal(s.timestamp, e!.timestamp);
  }
});

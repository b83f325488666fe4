import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLoggingFilter } from '../../src/ingest/gcp/filter.js';
import { readViaGcloud } from '../../src/ingest/gcp/gcloud-reader.js';
import { readCloudLogging } from '../../src/ingest/gcp/rest-reader.js';
import { canonicalTime, gcloudEnv, startFakeLoggingServer } from '../fakes/logging-server.js';
import type { Entry, FakeLoggingServer } from '../fakes/logging-server.js';

// Real Cloud Run entries (../shared/data/cloud-logging, gcloud exports) served by the fake Logging
// API: the query we build selects exactly what an independent reading of the data says it should,
// adjacent windows lose nothing at their boundary, and the real gcloud agrees with our reader.

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const data = (name: string) => JSON.parse(readFileSync(join(root, '..', 'shared', 'data', 'cloud-logging', name), 'utf8')) as Entry[];
const PROJECT = 'netra-staging';
const SERVICE = 'netra-backend-staging';
const RANK: Record<string, number> = { DEFAULT: 0, DEBUG: 100, INFO: 200, NOTICE: 300, WARNING: 400, ERROR: 500, CRITICAL: 600, ALERT: 700, EMERGENCY: 800 };

/** What the query must select, computed without the query language. */
function expected(entries: Entry[], from: string, to: string): string[] {
  const [f, t] = [Date.parse(from), Date.parse(to)];
  return entries
    .filter((e) => {
      const r = e.resource as { type: string; labels: Record<string, string> };
      const ms = Date.parse(String(e.timestamp));
      const sev = RANK[String(e.severity ?? 'DEFAULT')] ?? 0;
      const stderr = e.logName === `projects/${PROJECT}/logs/run.googleapis.com%2Fstderr`;
      return r.type === 'cloud_run_revision' && r.labels.service_name === SERVICE && ms >= f && ms < t && (sev >= 400 || (sev === 0 && stderr));
    })
    .map((e) => String(e.insertId))
    .sort();
}

async function readIds(server: FakeLoggingServer, from: string, to: string): Promise<{ ids: string[]; entries: unknown[] }> {
  const filter = buildLoggingFilter({ project: PROJECT, service: SERVICE, from, to });
  const read = readCloudLogging({ project: PROJECT, filter, endpoint: server.url, tokens: { description: 't', getToken: async () => server.token }, clock: { now: () => new Date() }, sleep: async () => {} });
  const entries: unknown[] = [];
  for await (const e of read.entries()) entries.push(e);
  assert.equal(read.coverage().complete, true);
  return { ids: entries.map((e) => String((e as Entry).insertId)), entries };
}

test('real export: the query selects exactly WARNING+ and severity-less stderr of the service in the window', async () => {
  const all = data('cloud-run-auth-failures-2025-09-07.json');
  const server = await startFakeLoggingServer({ entries: all, maxPageSize: 100 });
  try {
    const from = '2025-09-07T13:20:00.000Z';
    const to = '2025-09-07T13:40:00.000Z';
    const { ids, entries } = await readIds(server, from, to);
    const want = expected(all, from, to);
    assert.equal(want.length, 520, 'independent count: 120 + 59 + 49 WARNING/ERROR and 292 severity-less stderr');
    assert.deepEqual([...ids].sort(), want);
    assert.equal(new Set(ids).size, ids.length);
    // Raw entries come back verbatim, oldest first.
    const byId = new Map(all.map((e) => [e.insertId, e]));
    for (const e of entries) assert.deepEqual(e, byId.get((e as Entry).insertId));
    // Precision varies (".068Z" next to ".068021Z"), so order is checked on exact instants, not text.
    const times = entries.map((e) => canonicalTime(String((e as Entry).timestamp)) ?? '');
    assert.deepEqual(times, [...times].sort());
  } finally {
    await server.close();
  }
});

test('real export: adjacent windows split at an arbitrary instant lose and duplicate nothing', async () => {
  const all = data('cloud-run-auth-failures-2025-09-07.json');
  const server = await startFakeLoggingServer({ entries: all, maxPageSize: 250 });
  try {
    // Split exactly at an entry's own timestamp (microsecond precision): it must land in the later window only.
    const errors = all.filter((e) => e.severity === 'ERROR').map((e) => String(e.timestamp)).sort();
    const pivot = errors[Math.floor(errors.length / 2)] ?? '';
    assert.match(pivot, /^2025-09-07T13:2\d:\d\d\.\d{6}Z$/);
    const whole = await readIds(server, '2025-09-07T13:20:00Z', '2025-09-07T13:40:00Z');
    const a = await readIds(server, '2025-09-07T13:20:00Z', pivot);
    const b = await readIds(server, pivot, '2025-09-07T13:40:00Z');
    assert.equal(a.ids.filter((id) => b.ids.includes(id)).length, 0, 'no entry in both windows');
    assert.deepEqual([...a.ids, ...b.ids].sort(), [...whole.ids].sort(), 'nothing lost at the boundary');
    assert.ok(b.entries.some((e) => (e as Entry).timestamp === pivot), 'the entry at the boundary belongs to the later window');
  } finally {
    await server.close();
  }
});

const gcloudPath = (process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'gcloud')).find((p) => existsSync(p));

test('real export: the real gcloud CLI returns the same entries as our reader', { skip: gcloudPath === undefined ? 'gcloud is not installed on this machine (not on PATH)' : false }, async () => {
  const all = [...data('cloud-run-auth-failures-2025-09-07.json'), ...data('cloud-run-mixed-payloads.json'), ...data('cloud-run-auth-issues-small.json')];
  const server = await startFakeLoggingServer({ entries: all, maxPageSize: 300 });
  const dir = mkdtempSync(join(tmpdir(), 'lg-gcloud-eval-'));
  try {
    const from = '2025-08-25T00:00:00Z';
    const to = '2025-09-08T00:00:00Z';
    const filter = buildLoggingFilter({ project: PROJECT, service: SERVICE, from, to });
    const ours = await readIds(server, from, to);
    const viaGcloud = readViaGcloud({
      filter,
      project: PROJECT,
      gcloudPath,
      env: gcloudEnv(server, dir),
    });
    const theirs: unknown[] = [];
    for await (const e of viaGcloud.entries()) theirs.push(e);
    assert.equal(viaGcloud.coverage().complete, true, viaGcloud.coverage().error);
    assert.equal(theirs.length, expected(all, from, to).length);
    assert.deepEqual(theirs, ours.entries);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

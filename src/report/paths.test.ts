import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { safeServiceSegment, worklogPaths } from './paths.js';

const window = { from: '2025-09-07T13:20:00Z', to: '2025-09-07T14:20:00Z', basis: 'flags' };

test('worklogPaths: <out>/<service>/<from>--<to>.{md,json,html}', () => {
  const p = worklogPaths('out', { service: 'auth-api', window });
  assert.equal(p.dir, join('out', 'auth-api'));
  assert.equal(p.base, '20250907T132000Z--20250907T142000Z');
  assert.equal(p.md, join('out', 'auth-api', '20250907T132000Z--20250907T142000Z.md'));
  assert.equal(p.json, join('out', 'auth-api', '20250907T132000Z--20250907T142000Z.json'));
  assert.equal(p.html, join('out', 'auth-api', '20250907T132000Z--20250907T142000Z.html'));
});

test('worklogPaths: the same window written with an offset names the same files', () => {
  const a = worklogPaths('o', { service: 's', window });
  const b = worklogPaths('o', { service: 's', window: { ...window, from: '2025-09-07T15:20:00+02:00' } });
  assert.equal(a.md, b.md);
});

test('service names cannot escape the output folder or make invalid names', () => {
  assert.equal(safeServiceSegment('../../etc/passwd'), 'etc-passwd');
  assert.equal(safeServiceSegment('my service/β:v2'), 'my-service-v2');
  assert.equal(safeServiceSegment('..'), 'unknown-service');
  assert.equal(safeServiceSegment(''), 'unknown-service');
  assert.equal(safeServiceSegment('CON'), '_CON');
  assert.equal(safeServiceSegment('a'.repeat(300)).length, 100);
  assert.equal(safeServiceSegment('payments_v2.prod'), 'payments_v2.prod');
  const p = worklogPaths('/tmp/out', { service: '../../x', window });
  assert.ok(p.md.startsWith('/tmp/out/x/'), p.md);
});

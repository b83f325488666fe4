import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MalformedEntryError, normalizeEntry } from './normalize.js';

const origin = { input: 'fixture.json', line: 1 };
const cloudRun = {
  resource: {
    type: 'cloud_run_revision',
    labels: { project_id: 'acme-prod', service_name: 'demo-api', revision_name: 'demo-api-00002-xyz', configuration_name: 'demo-api', location: 'europe-west1' },
  },
  labels: { instanceId: '00a1b2c3' },
  insertId: 'abc123',
  receiveTimestamp: '2025-09-07T13:35:28.478926761Z',
  timestamp: '2025-09-07T13:35:28.360689Z',
};

test('textPayload: message, resource labels, instance, log kind, absent severity is DEFAULT', () => {
  const r = normalizeEntry({ ...cloudRun, logName: 'projects/acme-prod/logs/run.googleapis.com%2Fstderr', textPayload: 'hello' }, origin);
  assert.equal(r.message, 'hello');
  assert.equal(r.severity, 'DEFAULT');
  assert.equal(r.logKind, 'stderr');
  assert.equal(r.service, 'demo-api');
  assert.equal(r.revision, 'demo-api-00002-xyz');
  assert.equal(r.configuration, 'demo-api');
  assert.equal(r.location, 'europe-west1');
  assert.equal(r.project, 'acme-prod');
  assert.equal(r.instanceId, '00a1b2c3');
  assert.equal(r.timestamp, '2025-09-07T13:35:28.360689Z');
  assert.equal(r.timeMs, Date.UTC(2025, 8, 7, 13, 35, 28, 360));
  assert.equal(r.receiveTimeMs, Date.UTC(2025, 8, 7, 13, 35, 28, 478));
  assert.equal(r.insertId, 'abc123');
  assert.deepEqual(r.origin, origin);
});

test('severity by name, alias and number', () => {
  const sev = (severity: unknown) => normalizeEntry({ ...cloudRun, severity, textPayload: 'x' }, origin).severity;
  assert.equal(sev('ERROR'), 'ERROR');
  assert.equal(sev('warning'), 'WARNING');
  assert.equal(sev(500), 'ERROR');
  assert.equal(sev(400), 'WARNING');
  assert.equal(sev('600'), 'CRITICAL');
  assert.equal(sev(0), 'DEFAULT');
  assert.equal(sev(undefined), 'DEFAULT');
  assert.equal(sev('nonsense'), 'DEFAULT');
});

test('jsonPayload: message, context name as logger, labels, user, sourceLocation, stack', () => {
  const r = normalizeEntry(
    {
      ...cloudRun,
      severity: 'ERROR',
      logName: 'projects/acme-prod/logs/run.googleapis.com%2Fstderr',
      jsonPayload: {
        message: 'JWT verification failed',
        context: { name: 'app.auth' },
        labels: { module: 'app.auth.jwt', function: 'verify', line: '212' },
        serviceContext: { service: 'demo-api', version: 'v2' },
        user_id: 'u-42',
        'logging.googleapis.com/sourceLocation': { file: 'app/auth/jwt.py', line: '212', function: 'verify' },
        stack_trace: 'Traceback (most recent call last):\n  File "/app/app/auth/jwt.py", line 212, in verify\n    raise InvalidToken()\napp.auth.InvalidToken: expired',
      },
    },
    origin,
  );
  assert.equal(r.message, 'JWT verification failed');
  assert.equal(r.logger, 'app.auth');
  assert.equal(r.labels['module'], 'app.auth.jwt');
  assert.equal(r.labels['line'], '212');
  assert.equal(r.labels['serviceContext.version'], 'v2');
  assert.equal(r.labels['instanceId'], '00a1b2c3');
  assert.equal(r.user, 'u-42');
  assert.deepEqual(r.sourceLocation, { file: 'app/auth/jwt.py', line: 212, function: 'verify' });
  assert.equal(r.exception?.type, 'app.auth.InvalidToken');
  assert.equal(r.exception?.message, 'expired');
  assert.equal(r.exception?.frames[0]?.file, '/app/app/auth/jwt.py');
  assert.match(r.stackText ?? '', /^Traceback/);
});

test('jsonPayload: msg and error fallbacks, and a payload without a message field', () => {
  assert.equal(normalizeEntry({ ...cloudRun, jsonPayload: { msg: 'pino says' } }, origin).message, 'pino says');
  assert.equal(normalizeEntry({ ...cloudRun, jsonPayload: { error: { message: 'boom' } } }, origin).message, 'boom');
  assert.equal(normalizeEntry({ ...cloudRun, jsonPayload: { b: 1, a: { d: 2, c: 3 } } }, origin).message, '{"a":{"c":3,"d":2},"b":1}');
});

test('entry sourceLocation (int64 line as string) wins over the payload one', () => {
  const r = normalizeEntry({ ...cloudRun, sourceLocation: { file: 'main.go', line: '42', function: 'main.run' }, jsonPayload: { message: 'm' } }, origin);
  assert.deepEqual(r.sourceLocation, { file: 'main.go', line: 42, function: 'main.run' });
});

test('protoPayload audit log: method, service, resource, principal, status', () => {
  const r = normalizeEntry(
    {
      ...cloudRun,
      severity: 'ERROR',
      logName: 'projects/acme-prod/logs/cloudaudit.googleapis.com%2Factivity',
      protoPayload: {
        '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
        serviceName: 'run.googleapis.com',
        methodName: 'google.cloud.run.v1.Services.ReplaceService',
        resourceName: 'namespaces/acme-prod/services/demo-api',
        authenticationInfo: { principalEmail: 'deployer@acme.iam.gserviceaccount.com' },
        status: { code: 7, message: 'Permission denied' },
      },
    },
    origin,
  );
  assert.equal(r.logKind, 'audit');
  assert.deepEqual(r.audit, {
    serviceName: 'run.googleapis.com',
    methodName: 'google.cloud.run.v1.Services.ReplaceService',
    resourceName: 'namespaces/acme-prod/services/demo-api',
    principal: 'deployer@acme.iam.gserviceaccount.com',
    statusCode: 7,
    statusMessage: 'Permission denied',
  });
  assert.equal(r.message, 'google.cloud.run.v1.Services.ReplaceService namespaces/acme-prod/services/demo-api: code 7: Permission denied');
});

test('request log without payload: http fields and a "METHOD /path STATUS" message', () => {
  const r = normalizeEntry(
    {
      ...cloudRun,
      severity: 'ERROR',
      logName: 'projects/acme-prod/logs/run.googleapis.com%2Frequests',
      httpRequest: {
        requestMethod: 'GET',
        requestUrl: 'https://demo-api-abc-ew.a.run.app/v1/orders?id=7',
        status: 503,
        latency: '0.123s',
        userAgent: 'curl/8.9.0',
        remoteIp: '203.0.113.9',
        requestSize: '289',
        responseSize: '1251',
        protocol: 'HTTP/1.1',
      },
      trace: 'projects/acme-prod/traces/b4a1ca89fadbdc5ad99b81afb6dba4c8',
      spanId: '61956edeef6a19c7',
    },
    origin,
  );
  assert.equal(r.logKind, 'requests');
  assert.equal(r.message, 'GET /v1/orders 503');
  assert.deepEqual(r.http, {
    method: 'GET',
    url: 'https://demo-api-abc-ew.a.run.app/v1/orders?id=7',
    status: 503,
    latencyMs: 123,
    userAgent: 'curl/8.9.0',
    remoteIp: '203.0.113.9',
    requestSize: 289,
    responseSize: 1251,
    protocol: 'HTTP/1.1',
  });
  assert.equal(r.trace, 'projects/acme-prod/traces/b4a1ca89fadbdc5ad99b81afb6dba4c8');
  assert.equal(r.spanId, '61956edeef6a19c7');
});

test('varlog/system, errorGroups, empty resource labels stay absent', () => {
  const r = normalizeEntry(
    {
      ...cloudRun,
      resource: { type: 'cloud_run_revision', labels: { service_name: 'demo-api', revision_name: '', configuration_name: '' } },
      logName: 'projects/acme-prod/logs/run.googleapis.com%2Fvarlog%2Fsystem',
      textPayload: 'Container called exit(3).',
      errorGroups: [{ id: 'CKXr0dfK3a' }],
    },
    origin,
  );
  assert.equal(r.logKind, 'varlog');
  assert.deepEqual(r.errorGroups, ['CKXr0dfK3a']);
  assert.equal(r.revision, undefined);
  assert.equal('configuration' in r, false);
});

test('a whole traceback in one textPayload is parsed', () => {
  const r = normalizeEntry({ ...cloudRun, textPayload: 'Traceback (most recent call last):\n  File "/app/main.py", line 3, in <module>\n    x()\nNameError: name \'x\' is not defined' }, origin);
  assert.equal(r.exception?.type, 'NameError');
  assert.equal(r.exception?.frames.length, 1);
});

test('offset timestamps become UTC; missing timestamp falls back to receiveTimestamp', () => {
  assert.equal(normalizeEntry({ ...cloudRun, timestamp: '2025-09-07T15:35:28.1+02:00' }, origin).timestamp, '2025-09-07T13:35:28.1Z');
  const { timestamp: _t, ...noTime } = cloudRun;
  assert.equal(normalizeEntry(noTime, origin).timestamp, '2025-09-07T13:35:28.478926761Z');
});

test('non-objects are rejected with MalformedEntryError', () => {
  assert.throws(() => normalizeEntry(42, origin), MalformedEntryError);
  assert.throws(() => normalizeEntry(null, origin), MalformedEntryError);
  assert.throws(() => normalizeEntry(['a'], origin), /array/);
});

test('a raw line without severity stays DEFAULT; the level word in its text is kept apart as levelInText', () => {
  const raw = normalizeEntry({ ...cloudRun, textPayload: '[2025-09-07 13:32:23 +0000] [10] [ERROR] Worker (pid:16) was sent SIGTERM!' }, origin);
  assert.equal(raw.severity, 'DEFAULT');
  assert.equal(raw.levelInText, 'ERROR');
  const plain = normalizeEntry({ ...cloudRun, textPayload: '169.254.169.126:27262 - "GET /api HTTP/1.1" 200' }, origin);
  assert.equal('levelInText' in plain, false);
  const rated = normalizeEntry({ ...cloudRun, severity: 'INFO', textPayload: 'x - ERROR - y' }, origin);
  assert.equal('levelInText' in rated, false);
});

test('an entry without insertId gets a content hash: the same entry, the same id', () => {
  const { insertId: _i, ...noId } = { ...cloudRun, textPayload: 'x' };
  const a = normalizeEntry(noId, origin).insertId;
  assert.match(a, /^sha-[0-9a-f]{16}$/);
  assert.equal(normalizeEntry({ ...noId }, { input: 'other', line: 9 }).insertId, a);
  assert.notEqual(normalizeEntry({ ...noId, textPayload: 'y' }, origin).insertId, a);
});

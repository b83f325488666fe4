import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStackTrace } from './parse.js';

test('Python: frames with file, line, function, inApp; exception type and message', () => {
  const text = [
    'Traceback (most recent call last):',
    '  File "/usr/local/lib/python3.12/site-packages/gunicorn/arbiter.py", line 608, in spawn_worker',
    '    worker.init_process()',
    '  File "/app/app/main.py", line 5, in <module>',
    '    from app.services.monitoring import setup',
    '  File "<frozen importlib._bootstrap>", line 1387, in _gcd_import',
    "ModuleNotFoundError: No module named 'app.services.monitoring'",
  ].join('\n');
  const e = parseStackTrace(text);
  assert.equal(e?.language, 'python');
  assert.equal(e?.type, 'ModuleNotFoundError');
  assert.equal(e?.message, "No module named 'app.services.monitoring'");
  assert.deepEqual(e?.frames, [
    { file: '/usr/local/lib/python3.12/site-packages/gunicorn/arbiter.py', line: 608, function: 'spawn_worker', module: 'gunicorn.arbiter', inApp: false },
    { file: '/app/app/main.py', line: 5, function: '<module>', inApp: true },
    { file: '<frozen importlib._bootstrap>', line: 1387, function: '_gcd_import', inApp: false },
  ]);
});

test('Python chained exceptions: both chain markers, printed order, last one on top', () => {
  const text = [
    'Traceback (most recent call last):',
    '  File "/app/db.py", line 10, in get',
    '    return rows[0]',
    'IndexError: list index out of range',
    '',
    'During handling of the above exception, another exception occurred:',
    '',
    'Traceback (most recent call last):',
    '  File "/app/api.py", line 20, in handler',
    '    user = get()',
    'KeyError: \'user\'',
    '',
    'The above exception was the direct cause of the following exception:',
    '',
    'Traceback (most recent call last):',
    '  File "/app/api.py", line 30, in route',
    '    raise HTTPError(500) from e',
    'app.errors.HTTPError: 500',
  ].join('\n');
  const e = parseStackTrace(text);
  assert.equal(e?.type, 'app.errors.HTTPError');
  assert.equal(e?.message, '500');
  assert.deepEqual(e?.chain?.map((c) => c.type), ['IndexError', 'KeyError', 'app.errors.HTTPError']);
  assert.equal(e?.chain?.[1]?.frames[0]?.line, 20);
});

test('Node: error name, message, frames with line numbers; node_modules and node:internal not in app', () => {
  const text = [
    "TypeError: Cannot read properties of undefined (reading 'id')",
    '    at getUser (/srv/app/src/users.js:42:17)',
    '    at async Router.handle (/srv/app/node_modules/express/lib/router/index.js:284:7)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    '    at /srv/app/src/server.js:9:3',
  ].join('\n');
  const e = parseStackTrace(text);
  assert.equal(e?.language, 'node');
  assert.equal(e?.type, 'TypeError');
  assert.equal(e?.message, "Cannot read properties of undefined (reading 'id')");
  assert.deepEqual(e?.frames, [
    { file: '/srv/app/src/users.js', line: 42, function: 'getUser', inApp: true },
    { file: '/srv/app/node_modules/express/lib/router/index.js', line: 284, function: 'Router.handle', inApp: false },
    { file: 'node:internal/process/task_queues', line: 95, function: 'process.processTicksAndRejections', inApp: false },
    { file: '/srv/app/src/server.js', line: 9, inApp: true },
  ]);
});

test('Java: Caused by, "... N more", Suppressed; root cause on top, chain in printed order', () => {
  const text = [
    'java.lang.IllegalStateException: Failed to load context',
    '\tat com.acme.orders.Boot.start(Boot.java:31)',
    '\tat java.base/java.lang.Thread.run(Thread.java:833)',
    '\tSuppressed: java.io.IOException: close failed',
    '\t\tat com.acme.orders.Res.close(Res.java:9)',
    'Caused by: org.postgresql.util.PSQLException: Connection refused',
    '\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:342)',
    '\tat com.acme.orders.Db.connect(Db.java:12)',
    '\t... 2 more',
  ].join('\n');
  const e = parseStackTrace(text);
  assert.equal(e?.language, 'java');
  assert.equal(e?.type, 'org.postgresql.util.PSQLException');
  assert.equal(e?.message, 'Connection refused');
  assert.deepEqual(e?.chain?.map((c) => c.type), ['java.lang.IllegalStateException', 'org.postgresql.util.PSQLException']);
  const outer = e?.chain?.[0];
  assert.equal(outer?.frames.length, 2, 'suppressed frames are not the outer exception\'s');
  assert.deepEqual(outer?.frames[0], { file: 'Boot.java', line: 31, function: 'Boot.start', module: 'com.acme.orders', inApp: true });
  assert.equal(outer?.frames[1]?.inApp, false);
  assert.deepEqual(e?.frames.map((f) => f.inApp), [true, true]);
});

test('Go: panic message and the panicking goroutine frames; runtime not in app', () => {
  const text = [
    'panic: runtime error: index out of range [3] with length 3',
    '',
    'goroutine 1 [running]:',
    'main.handler(0xc000012345, 0x3)',
    '\t/src/app/handler.go:27 +0x1d',
    'runtime.goexit()',
    '\t/usr/local/go/src/runtime/asm_amd64.s:1650 +0x1',
    'main.main()',
    '\t/src/app/main.go:12 +0x25',
    '',
    'goroutine 7 [chan receive]:',
    'main.worker()',
    '\t/src/app/worker.go:5 +0x1',
  ].join('\n');
  const e = parseStackTrace(text);
  assert.equal(e?.language, 'go');
  assert.equal(e?.type, 'panic');
  assert.equal(e?.message, 'runtime error: index out of range [3] with length 3');
  assert.deepEqual(e?.frames, [
    { file: '/src/app/handler.go', line: 27, function: 'main.handler', module: 'main', inApp: true },
    { file: '/usr/local/go/src/runtime/asm_amd64.s', line: 1650, function: 'runtime.goexit', module: 'runtime', inApp: false },
    { file: '/src/app/main.go', line: 12, function: 'main.main', module: 'main', inApp: true },
  ]);
});

test('plain text without a trace gives undefined', () => {
  assert.equal(parseStackTrace('just a line'), undefined);
  assert.equal(parseStackTrace('two\nlines'), undefined);
  assert.equal(parseStackTrace(''), undefined);
});

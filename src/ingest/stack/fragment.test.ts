import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fragmentKind } from './fragment.js';

test('fragment kinds of single stderr lines', () => {
  const cases: Array<[string, string]> = [
    ['Traceback (most recent call last):', 'header'],
    ['panic: runtime error: invalid memory address or nil pointer dereference', 'header'],
    ['Exception in thread "main" java.lang.IllegalStateException: boom', 'header'],
    ['  File "/app/main.py", line 3, in <module>', 'frame'],
    ['    import x', 'frame'],
    ['\tat com.acme.Boot.start(Boot.java:31)', 'frame'],
    ['goroutine 1 [running]:', 'frame'],
    ['main.main()', 'frame'],
    ['During handling of the above exception, another exception occurred:', 'chain'],
    ['Caused by: java.io.IOException: closed', 'chain'],
    ['', 'chain'],
    ["ModuleNotFoundError: No module named 'x'", 'exception'],
    ['Exception: boom', 'exception'],
    ['Error: connect ECONNREFUSED 127.0.0.1:5432', 'exception'],
    ['psycopg2.errors.UndefinedTable: relation "users" does not exist', 'exception'],
    ['KeyboardInterrupt', 'exception'],
    ['[2025-09-07 13:32:23 +0000] [10] [ERROR] Worker (pid:16) was sent SIGTERM!', 'other'],
    ['2025-09-07 13:34:00 - app - ERROR - Auth service is required', 'other'],
    ['Container called exit(3).', 'other'],
  ];
  for (const [line, kind] of cases) assert.equal(fragmentKind(line), kind, line);
});

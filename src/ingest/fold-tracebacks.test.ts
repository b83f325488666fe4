import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogRecord } from '../core/record.js';
import { foldTracebacks, TracebackFolder } from './fold-tracebacks.js';

const T0 = Date.UTC(2025, 8, 7, 13, 0, 0);

function stderr(id: string, instanceId: string, offsetMs: number, message: string): LogRecord {
  return {
    origin: { input: 'fixture', line: 0 },
    insertId: id,
    timestamp: new Date(T0 + offsetMs).toISOString(),
    timeMs: T0 + offsetMs,
    severity: 'DEFAULT',
    message,
    logKind: 'stderr',
    instanceId,
    labels: {},
    raw: null,
  };
}

const TRACE = [
  'Traceback (most recent call last):',
  '  File "/usr/local/lib/python3.12/site-packages/gunicorn/arbiter.py", line 608, in spawn_worker',
  '  File "/app/app/main.py", line 5, in <module>',
  '    from app.services.monitoring import setup',
  "ModuleNotFoundError: No module named 'app.services.monitoring'",
];

async function collect(records: LogRecord[]): Promise<LogRecord[]> {
  async function* gen() {
    yield* records;
  }
  const out: LogRecord[] = [];
  for await (const r of foldTracebacks(gen())) out.push(r);
  return out;
}

test('a traceback split over five stderr entries of one instance becomes one record; an interleaved instance is not mixed in', async () => {
  const input = [
    stderr('a1', 'inst-A', 0, TRACE[0] as string),
    stderr('b1', 'inst-B', 1, '[2025-09-07 13:00:00 +0000] [7] [INFO] Booting worker with pid: 7'),
    stderr('a2', 'inst-A', 2, TRACE[1] as string),
    stderr('b2', 'inst-B', 3, '  File "/app/other.py", line 1, in <module>'),
    stderr('a3', 'inst-A', 4, TRACE[2] as string),
    stderr('a4', 'inst-A', 5, TRACE[3] as string),
    stderr('a5', 'inst-A', 6, TRACE[4] as string),
    stderr('a6', 'inst-A', 7, '[2025-09-07 13:00:00 +0000] [1] [ERROR] Worker (pid:8) exited with code 3'),
  ];
  const out = await collect(input);
  assert.deepEqual(out.map((r) => r.insertId), ['a1', 'b1', 'b2', 'a6']);
  const folded = out[0] as LogRecord;
  assert.equal(folded.exception?.type, 'ModuleNotFoundError');
  assert.equal(folded.exception?.message, "No module named 'app.services.monitoring'");
  assert.deepEqual(folded.exception?.frames.map((f) => [f.file, f.line, f.inApp]), [
    ['/usr/local/lib/python3.12/site-packages/gunicorn/arbiter.py', 608, false],
    ['/app/app/main.py', 5, true],
  ]);
  assert.equal(folded.stackText, TRACE.join('\n'));
  assert.equal(folded.message, TRACE.join('\n'));
  assert.deepEqual(folded.foldedInsertIds, ['a2', 'a3', 'a4', 'a5']);
  assert.equal(folded.timestamp, input[0]?.timestamp);
  // Instance B's lone frame line passes through untouched.
  assert.equal(out[2]?.message, '  File "/app/other.py", line 1, in <module>');
  assert.equal(out[2]?.exception, undefined);
});

test('newest-first input (gcloud order) folds the same trace in time order', async () => {
  const forward = TRACE.map((line, i) => stderr(`a${i + 1}`, 'inst-A', i, line));
  const before = [stderr('x0', 'inst-A', 100, 'Container started'), stderr('x1', 'inst-A', 50, 'Starting gunicorn')];
  const input = [before[0] as LogRecord, ...[...forward].reverse(), before[1] as LogRecord];
  const out = await collect(input);
  assert.deepEqual(out.map((r) => r.insertId), ['x0', 'a1', 'x1']);
  assert.equal(out[1]?.stackText, TRACE.join('\n'));
  assert.deepEqual(out[1]?.foldedInsertIds, ['a2', 'a3', 'a4', 'a5']);
});

test('two tracebacks back to back on one instance stay two records', async () => {
  const input = [...TRACE, ...TRACE].map((line, i) => stderr(`t${i}`, 'inst-A', i, line));
  const out = await collect(input);
  assert.equal(out.length, 2);
  assert.deepEqual(out.map((r) => r.exception?.type), ['ModuleNotFoundError', 'ModuleNotFoundError']);
});

test('fragments further apart than the time gap are not joined, and nothing is lost', async () => {
  const input = TRACE.map((line, i) => stderr(`a${i}`, 'inst-A', i * 5000, line));
  const out = await collect(input);
  assert.deepEqual(out.map((r) => r.insertId), ['a0', 'a1', 'a2', 'a3', 'a4']);
  assert.ok(out.every((r) => r.exception === undefined));
});

test('maxFragments bounds one folded record; every input record is accounted for', () => {
  const folder = new TracebackFolder({ maxFragments: 3 });
  const input = TRACE.map((line, i) => stderr(`a${i}`, 'inst-A', i, line));
  const out = [...input.flatMap((r) => folder.push(r)), ...folder.end()];
  const seen = out.flatMap((r) => [r.insertId, ...(r.foldedInsertIds ?? [])]);
  assert.deepEqual([...seen].sort(), input.map((r) => r.insertId).sort());
  assert.ok(out.every((r) => (r.foldedInsertIds?.length ?? 0) <= 2));
});

test('stdout and request records are never fragments', async () => {
  const input = TRACE.map((line, i) => ({ ...stderr(`a${i}`, 'inst-A', i, line), logKind: 'stdout' as const }));
  const out = await collect(input);
  assert.equal(out.length, 5);
});

test('a Go panic split line by line (blank lines dropped) folds into one record', async () => {
  const lines = ['panic: assignment to entry in nil map', 'goroutine 1 [running]:', 'main.store(...)', '\t/src/app/store.go:14 +0x2a', 'main.main()', '\t/src/app/main.go:9 +0x1d'];
  const out = await collect([...lines.map((l, i) => stderr(`g${i}`, 'inst-G', i, l)), stderr('after', 'inst-G', 10, 'Container called exit(2).')]);
  assert.deepEqual(out.map((r) => r.insertId), ['g0', 'after']);
  assert.equal(out[0]?.exception?.language, 'go');
  assert.equal(out[0]?.exception?.message, 'assignment to entry in nil map');
  assert.deepEqual(out[0]?.exception?.frames.map((f) => f.function), ['main.store', 'main.main']);
});

test('a bare "Exception: boom" ends a Python trace', async () => {
  const lines = ['Traceback (most recent call last):', '  File "/app/x.py", line 1, in <module>', 'Exception: boom'];
  const out = await collect(lines.map((l, i) => stderr(`p${i}`, 'inst-P', i, l)));
  assert.equal(out.length, 1);
  assert.equal(out[0]?.exception?.type, 'Exception');
});

test('newest-first: two Java traces back to back stay apart; a Python chain stays whole', async () => {
  const java = (n: number) => [`java.lang.IllegalStateException: boom ${n}`, '\tat com.acme.A.run(A.java:10)', '\tat com.acme.Main.main(Main.java:3)'];
  const forward = [...java(1), ...java(2)].map((l, i) => stderr(`j${i}`, 'inst-J', i, l));
  const out = await collect([...forward].reverse());
  assert.deepEqual(out.map((r) => r.exception?.message), ['boom 2', 'boom 1']);

  const chained = [
    'Traceback (most recent call last):', '  File "/app/db.py", line 10, in get', 'IndexError: list index out of range',
    'During handling of the above exception, another exception occurred:',
    'Traceback (most recent call last):', '  File "/app/api.py", line 20, in handler', "KeyError: 'user'",
  ].map((l, i) => stderr(`c${i}`, 'inst-C', i, l));
  const outChain = await collect([...chained].reverse());
  assert.equal(outChain.length, 1);
  assert.deepEqual(outChain[0]?.exception?.chain?.map((c) => c.type), ['IndexError', 'KeyError']);
  // And forward, the same chain is one record too.
  assert.equal((await collect(chained)).length, 1);
});

// Writes the labelled incident corpus: a synthetic Cloud Run export (gcloud JSON, newest first,
// as `gcloud logging read` prints it) in which every entry carries the incident a human would file
// it under. Deterministic: a seeded generator, fixed clock; running it twice writes the same bytes.
//
//   npx tsx scripts/gen-incident-corpus.ts [outDir]   (default src/incidents/testdata)
//
// Scenarios: a start-up crash loop after a bad deploy (tracebacks split over stderr entries, the
// gunicorn error line, "Worker failed to boot", "Container called exit(3).", 503s served by the
// dying instances); a configuration warning printed at every start-up, crashing or not; 503 bursts
// tied by trace to a payment client error; database pool exhaustion with varying numbers; noise.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const outDir = process.argv[2] ?? 'src/incidents/testdata';
const PROJECT = 'shop-prod';
const T0 = Date.parse('2025-10-01T10:00:00Z');

let seed = 20251001;
function rand(): number {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('');
const pick = <T>(xs: T[]): T => xs[int(0, xs.length - 1)]!;

interface Entry {
  entry: Record<string, unknown>;
  label: string;
}
const entries: Entry[] = [];

function base(service: string, revision: string, instance: string | undefined, ms: number, log: string): Record<string, unknown> {
  return {
    insertId: hex(24),
    logName: `projects/${PROJECT}/logs/run.googleapis.com%2F${log}`,
    resource: { type: 'cloud_run_revision', labels: { project_id: PROJECT, service_name: service, revision_name: revision, configuration_name: service, location: 'europe-west1' } },
    timestamp: new Date(ms).toISOString().replace('Z', `${String(int(0, 999)).padStart(3, '0')}Z`),
    receiveTimestamp: new Date(ms + 120).toISOString(),
    ...(instance !== undefined ? { labels: { instanceId: instance } } : {}),
  };
}

function text(label: string, service: string, rev: string, inst: string, ms: number, payload: string, log: 'stdout' | 'stderr' | 'varlog%2Fsystem' = 'stderr', severity?: string) {
  entries.push({ label, entry: { ...base(service, rev, inst, ms, log), textPayload: payload, ...(severity ? { severity } : {}) } });
}

function json(label: string, service: string, rev: string, inst: string, ms: number, severity: string, payload: Record<string, unknown>, trace?: string) {
  entries.push({ label, entry: { ...base(service, rev, inst, ms, 'stdout'), severity, jsonPayload: payload, ...(trace ? { trace: `projects/${PROJECT}/traces/${trace}` } : {}) } });
}

function request(label: string, service: string, rev: string, inst: string | undefined, ms: number, method: string, path: string, status: number, latencyS: number, trace?: string) {
  const severity = status >= 500 ? 'ERROR' : status >= 400 ? 'WARNING' : 'INFO';
  entries.push({
    label,
    entry: {
      ...base(service, rev, inst, ms, 'requests'),
      severity,
      httpRequest: { requestMethod: method, requestUrl: `https://${service}-xyz-ew.a.run.app${path}`, status, latency: `${latencyS.toFixed(6)}s`, userAgent: 'Mozilla/5.0', remoteIp: `10.0.${int(0, 9)}.${int(1, 250)}`, protocol: 'HTTP/1.1' },
      ...(trace ? { trace: `projects/${PROJECT}/traces/${trace}`, spanId: hex(16) } : {}),
    },
  });
}

const gtime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000');

// ---- orders-api: healthy revision 00041, then bad deploy 00042 crash-looping ----------------
const ORD = 'orders-api';
const REV_OK = 'orders-api-00041-kav';
const REV_BAD = 'orders-api-00042-zut';
const CONFIG_WARNING = 'config-warning';

function startup(service: string, rev: string, inst: string, ms: number, pid: number): number {
  text('noise:gunicorn-start', service, rev, inst, ms, `[${gtime(ms)}] [1] [INFO] Starting gunicorn 21.2.0`);
  text('noise:gunicorn-listen', service, rev, inst, ms + 3, `[${gtime(ms)}] [1] [INFO] Listening at: http://0.0.0.0:8080 (1)`);
  text('noise:gunicorn-boot', service, rev, inst, ms + 5, `[${gtime(ms)}] [1] [INFO] Booting worker with pid: ${pid}`);
  // Printed at every start-up, whether the worker then crashes or not.
  text(CONFIG_WARNING, service, rev, inst, ms + 400, `WARNING:root:Optional SDK 'sentry_sdk' is not installed; error reporting is disabled`);
  json(CONFIG_WARNING + '-sanitized', service, rev, inst, ms + 420, 'WARNING', { message: 'Configuration value DATABASE_URL was sanitized before logging', logger: 'app.config' });
  return ms + 500;
}

function healthyTraffic(service: string, rev: string, inst: string, fromMs: number, toMs: number, every: number) {
  for (let ms = fromMs; ms < toMs; ms += every + int(0, every)) {
    const id = int(1000, 99999);
    // Routine traffic: one label per service and route, as a human would see it (not one per id).
    const [route, name] = pick([[`/api/orders/${id}`, '/api/orders/{id}'], ['/api/orders', '/api/orders'], [`/api/customers/${id}/orders`, '/api/customers/{id}/orders'], ['/health', '/health']] as const);
    const method = route === '/api/orders' ? 'POST' : 'GET';
    request(`noise:${service}:${method} ${name}`, service, rev, inst, ms, method, route, 200, 0.01 + rand() * 0.2, hex(32));
    if (route !== '/health') json(`noise:${service}:order-processed`, service, rev, inst, ms + 30, 'INFO', { message: `Processed order ${id} in ${int(5, 300)}ms`, logger: 'app.orders' });
  }
}

// Healthy start-ups of the old revision, with traffic.
const okInstances = ['00ok' + hex(60), '00ok' + hex(60), '00ok' + hex(60)];
for (const [i, inst] of okInstances.entries()) {
  const t = startup(ORD, REV_OK, inst, T0 + i * 5 * 60_000, 7 + i);
  healthyTraffic(ORD, REV_OK, inst, t + 1000, T0 + 30 * 60_000, 20_000);
}

// The crash loop: every start-up of the new revision dies on import.
for (let k = 0; k < 8; k++) {
  const inst = '00bad' + hex(60);
  const ms0 = T0 + 10 * 60_000 + k * 95_000 + int(0, 5000);
  const pid = 8 + k;
  let ms = startup(ORD, REV_BAD, inst, ms0, pid);
  const L = 'crash-loop';
  text(L, ORD, REV_BAD, inst, ms, `[${gtime(ms)}] [${pid}] [ERROR] Exception in worker process`);
  // The traceback, split over stderr entries the way Cloud Run splits them.
  const lines = [
    'Traceback (most recent call last):',
    '  File "/usr/local/lib/python3.11/site-packages/gunicorn/arbiter.py", line 609, in spawn_worker',
    '    worker.init_process()',
    '  File "/usr/local/lib/python3.11/site-packages/gunicorn/util.py", line 371, in import_app',
    '    mod = importlib.import_module(module)',
    '  File "/app/main.py", line 7, in <module>',
    '    from app.services.monitoring import MetricsExporter',
    "ModuleNotFoundError: No module named 'app.services.monitoring'",
  ];
  for (const [j, line] of lines.entries()) text(L, ORD, REV_BAD, inst, ms + 2 + j, line);
  ms += 50;
  text('noise:worker-exiting', ORD, REV_BAD, inst, ms, `[${gtime(ms)}] [${pid}] [INFO] Worker exiting (pid: ${pid})`);
  text('noise:shutting-down', ORD, REV_BAD, inst, ms + 200, `[${gtime(ms)}] [1] [INFO] Shutting down: Master`);
  text(L, ORD, REV_BAD, inst, ms + 201, `[${gtime(ms)}] [1] [INFO] Reason: Worker failed to boot.`);
  text(L, ORD, REV_BAD, inst, ms + 900, 'Container called exit(3).', 'varlog%2Fsystem', 'WARNING');
  // Requests routed to the instance while it died.
  for (let r = 0; r < int(1, 3); r++) request(L, ORD, REV_BAD, inst, ms0 + 100 + r * 37, 'GET', `/api/orders/${int(1000, 99999)}`, 503, 1 + rand());
}

// Graceful scale-down of an old instance: the same shutdown lines, no crash.
{
  const inst = okInstances[0]!;
  const ms = T0 + 29 * 60_000;
  text('noise:handling-term', ORD, REV_OK, inst, ms, `[${gtime(ms)}] [1] [INFO] Handling signal: term`);
  text('noise:worker-exiting', ORD, REV_OK, inst, ms + 20, `[${gtime(ms)}] [7] [INFO] Worker exiting (pid: 7)`);
  text('noise:shutting-down', ORD, REV_OK, inst, ms + 300, `[${gtime(ms)}] [1] [INFO] Shutting down: Master`);
}

// ---- checkout-api: 503 bursts tied by trace to the payment client error ----------------------
const CHK = 'checkout-api';
const CHK_REV = 'checkout-api-00017-qop';
const chkInstances = ['00ck' + hex(60), '00ck' + hex(60)];
for (const inst of chkInstances) healthyTraffic(CHK, CHK_REV, inst, T0 + 2000, T0 + 30 * 60_000, 30_000);
for (let b = 0; b < 6; b++) {
  const burst = T0 + 3 * 60_000 + b * 4 * 60_000 + int(0, 20_000);
  for (let r = 0; r < 5; r++) {
    const inst = pick(chkInstances);
    const trace = hex(32);
    const ms = burst + r * int(50, 400);
    const order = int(10000, 99999);
    json('noise:checkout-started', CHK, CHK_REV, inst, ms + 2, 'INFO', { message: `Checkout started for cart ${hex(8)}`, logger: 'app.checkout' }, trace);
    json('payment-503', CHK, CHK_REV, inst, ms + 1500, 'ERROR', {
      message: `Payment provider call failed for order ${order}`,
      logger: 'app.payments.client',
      stack_trace: [
        'Traceback (most recent call last):',
        '  File "/app/app/payments/client.py", line 88, in charge',
        '    resp.raise_for_status()',
        '  File "/usr/local/lib/python3.11/site-packages/requests/models.py", line 1021, in raise_for_status',
        '    raise HTTPError(http_error_msg, response=self)',
        `requests.exceptions.HTTPError: 503 Server Error: Service Unavailable for url: https://pay.example.com/v1/charges/${order}`,
      ].join('\n'),
    }, trace);
    if (r % 2 === 0) json('payment-503', CHK, CHK_REV, inst, ms + 1510, 'WARNING', { message: `Retry budget exhausted for payment of order ${order} after ${int(2, 4)} attempts`, logger: 'app.payments.retry' }, trace);
    request('payment-503', CHK, CHK_REV, inst, ms, 'POST', `/api/checkout/${order}/pay`, 503, 1.5 + rand(), trace);
  }
}

// ---- inventory-api: database pool exhaustion with varying numbers ----------------------------
const INV = 'inventory-api';
const INV_REV = 'inventory-api-00230-bel';
const invInstances = ['00iv' + hex(60), '00iv' + hex(60), '00iv' + hex(60)];
for (const inst of invInstances) healthyTraffic(INV, INV_REV, inst, T0 + 1000, T0 + 30 * 60_000, 25_000);
for (let k = 0; k < 40; k++) {
  const inst = pick(invInstances);
  const ms = T0 + 15 * 60_000 + k * int(3000, 12_000);
  const trace = hex(32);
  const size = pick([5, 10, 20]);
  const sku = int(100000, 999999);
  json('db-pool', INV, INV_REV, inst, ms + 30_000, 'ERROR', {
    message: `Stock lookup failed for sku ${sku}`,
    logger: 'app.inventory.repo',
    stack_trace: [
      'Traceback (most recent call last):',
      '  File "/app/app/inventory/repo.py", line 42, in get_stock',
      '    with self.engine.connect() as conn:',
      '  File "/usr/local/lib/python3.11/site-packages/sqlalchemy/pool/impl.py", line 157, in _do_get',
      '    raise exc.TimeoutError(',
      `sqlalchemy.exc.TimeoutError: QueuePool limit of size ${size} overflow ${size * 2} reached, connection timed out, timeout ${int(10, 30)}.00 (Background on this error at: https://sqlalche.me/e/20/3o7r)`,
    ].join('\n'),
  }, trace);
  request('db-pool', INV, INV_REV, inst, ms, 'GET', `/api/stock/${sku}`, 500, 30 + rand(), trace);
}
// Noise in inventory: a debug cache line and a slow-query warning that is not part of the pool issue.
for (let k = 0; k < 25; k++) {
  const inst = pick(invInstances);
  const ms = T0 + k * 70_000 + int(0, 9000);
  json('noise:cache-miss', INV, INV_REV, inst, ms, 'DEBUG', { message: `cache miss for key stock:${int(100000, 999999)}`, logger: 'app.cache' });
  if (k % 3 === 0) json('noise:slow-query', INV, INV_REV, inst, ms + 11, 'WARNING', { message: `Slow query took ${int(1200, 4000)} ms: SELECT * FROM stock WHERE sku = ?`, logger: 'app.db' });
}

// ---- reports-api (Java): out of memory, the memory-limit kill and the exit that follow ------------
const REP = 'reports-api';
const REP_REV = 'reports-api-00008-jav';
for (let k = 0; k < 3; k++) {
  const inst = '00rp' + hex(60);
  const ms = T0 + 6 * 60_000 + k * 7 * 60_000 + int(0, 30_000);
  text(`noise:${REP}:started`, REP, REP_REV, inst, ms - 120_000, `Started ReportsApplication in ${int(5, 9)}.${int(100, 999)} seconds (process running for ${int(6, 10)}.${int(1, 9)})`, 'stdout');
  for (let j = 0; j < 4; j++) json(`noise:${REP}:rendering`, REP, REP_REV, inst, ms - 90_000 + j * 15_000, 'INFO', { message: `Rendering report ${int(1000, 9999)} with ${int(10, 900)} pages` });
  text('java-oom', REP, REP_REV, inst, ms, [
    'Exception in thread "report-worker-3" java.lang.OutOfMemoryError: Java heap space',
    '\tat java.base/java.util.Arrays.copyOf(Arrays.java:3512)',
    '\tat java.base/java.io.ByteArrayOutputStream.ensureCapacity(ByteArrayOutputStream.java:100)',
    `\tat com.shop.reports.PdfRenderer.render(PdfRenderer.java:${int(80, 90)})`,
    '\tat com.shop.reports.ReportJob.run(ReportJob.java:41)',
  ].join('\n'), 'stderr', 'ERROR');
  text('java-oom', REP, REP_REV, inst, ms + 4000, `Memory limit of 1024 MiB exceeded with ${int(1025, 1100)} MiB used. Consider increasing the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits`, 'varlog%2Fsystem', 'ERROR');
  text('java-oom', REP, REP_REV, inst, ms + 4100, 'Container called exit(137).', 'varlog%2Fsystem', 'WARNING');
}

// ---- notify-worker (Node): a dependency refusing connections, tied by trace to 500s ---------------
const NOT = 'notify-worker';
const NOT_REV = 'notify-worker-00051-nod';
const notInstances = ['00nt' + hex(60), '00nt' + hex(60)];
for (const inst of notInstances) {
  for (let ms = T0 + 500; ms < T0 + 30 * 60_000; ms += 40_000 + int(0, 20_000)) {
    const trace = hex(32);
    request(`noise:${NOT}:POST /notify`, NOT, NOT_REV, inst, ms, 'POST', '/notify', 202, 0.02 + rand() * 0.05, trace);
    json(`noise:${NOT}:queued`, NOT, NOT_REV, inst, ms + 5, 'INFO', { message: `queued notification ${hex(12)} for user ${int(1, 5000)}` }, trace);
  }
}
for (let k = 0; k < 18; k++) {
  const inst = pick(notInstances);
  const ms = T0 + 12 * 60_000 + k * int(20_000, 40_000);
  const trace = hex(32);
  request('redis-refused', NOT, NOT_REV, inst, ms, 'POST', '/notify', 500, 0.01 + rand() * 0.02, trace);
  json('redis-refused', NOT, NOT_REV, inst, ms + 8, 'ERROR', {
    message: 'Failed to enqueue notification',
    stack_trace: [
      'Error: connect ECONNREFUSED 10.3.0.7:6379',
      '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
      `    at RedisQueue.push (/usr/src/app/dist/queue/redis-queue.js:${int(40, 48)}:11)`,
      '    at async NotifyHandler.handle (/usr/src/app/dist/handlers/notify.js:22:5)',
    ].join('\n'),
  }, trace);
}

// gcloud prints newest first.
entries.sort((a, b) => ((a.entry.timestamp as string) < (b.entry.timestamp as string) ? 1 : (a.entry.timestamp as string) > (b.entry.timestamp as string) ? -1 : 0));
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'incident-corpus.json'), JSON.stringify(entries.map((e) => e.entry), null, 1) + '\n');
const labels: Record<string, string> = {};
for (const e of entries) labels[e.entry.insertId as string] = e.label;
writeFileSync(join(outDir, 'incident-corpus.labels.json'), JSON.stringify(labels, null, 1) + '\n');
console.log(`wrote ${entries.length} entries, ${new Set(Object.values(labels)).size} labels to ${outDir}`);

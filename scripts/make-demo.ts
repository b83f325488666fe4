// Writes samples/cloud-run-demo.json: a synthetic Cloud Run export in the shape of
// `gcloud logging read --format=json` (pretty-printed, keys sorted, newest entry first).
// Deterministic: a fixed seed and a fixed start time, so re-running it gives the same bytes.
//
// The story, 30 minutes of service "demo-api" (all times UTC):
// - revision demo-api-00041-kop serves normal traffic throughout (200 request logs, INFO app logs);
//   each instance start prints a configuration warning (structured jsonPayload, WARNING);
// - at 09:12 revision demo-api-00042-wuz is deployed (audit log) and takes half of the traffic;
//   every instance it starts crashes while booting: gunicorn prints "Exception in worker process",
//   a Python traceback split over five stderr entries without severity
//   (ModuleNotFoundError: No module named 'app.services.monitoring'), "Worker failed to boot.",
//   and the platform logs "Container called exit(3)."; Cloud Run starts another instance, which
//   crashes the same way (a crash loop), and the requests routed to those instances get 503s.
//
// Usage: npx tsx scripts/make-demo.ts [output path]
import { writeFileSync } from 'node:fs';
import { seededRandom } from '../src/core/random.js';

const OUT = process.argv[2] ?? 'samples/cloud-run-demo.json';
const PROJECT = 'acme-demo-prod';
const SERVICE = 'demo-api';
const LOCATION = 'europe-west1';
const GOOD = 'demo-api-00041-kop';
const BAD = 'demo-api-00042-wuz';
const HOST = 'https://demo-api-5x7k2q9vza-ew.a.run.app';
const START = Date.UTC(2025, 8, 14, 9, 0, 0);
const DEPLOY = START + 12 * 60_000;
const END = START + 30 * 60_000;

const rng = seededRandom;
const random = rng(20250914);
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('');
const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T;

type Entry = Record<string, unknown>;
interface Timed {
  /** Microseconds since the epoch: Cloud Run timestamps carry six fractional digits. */
  us: number;
  seq: number;
  entry: Entry;
}
const entries: Timed[] = [];
let seq = 0;

function iso(us: number, fracDigits = 6): string {
  const base = new Date(Math.floor(us / 1000)).toISOString().slice(0, 19);
  const micros = String(us % 1_000_000).padStart(6, '0');
  return `${base}.${(micros + String(int(0, 999)).padStart(3, '0')).slice(0, fracDigits)}Z`;
}

/** Like the real exports: 8 hex digits of epoch seconds, 8 of sub-second counter, 8 random. */
function insertId(us: number): string {
  return Math.floor(us / 1e6).toString(16).padStart(8, '0') + (us % 1_000_000).toString(16).padStart(8, '0') + hex(8);
}

function resource(revision: string): Entry {
  return {
    labels: { configuration_name: SERVICE, location: LOCATION, project_id: PROJECT, revision_name: revision, service_name: SERVICE },
    type: 'cloud_run_revision',
  };
}

function add(ms: number, log: string, revision: string, instanceId: string, fields: Entry): number {
  const us = Math.round(ms * 1000);
  const receiveUs = us + int(2_000, 400_000);
  entries.push({
    us,
    seq: seq++,
    entry: {
      insertId: insertId(us),
      labels: { instanceId },
      logName: `projects/${PROJECT}/logs/run.googleapis.com%2F${log}`,
      receiveTimestamp: iso(receiveUs, 9),
      resource: resource(revision),
      timestamp: iso(us),
      ...fields,
    },
  });
  return ms;
}

function newInstanceId(): string {
  return `0069c7a988${hex(146)}`;
}

function trace(): Entry {
  return { trace: `projects/${PROJECT}/traces/${hex(32)}`, spanId: hex(16), traceSampled: true };
}

function gunicorn(ms: number, pid: number, level: string, text: string): string {
  const t = new Date(Math.floor(ms)).toISOString().slice(0, 19).replace('T', ' ');
  return `[${t} +0000] [${pid}] [${level}] ${text}`;
}

/** A start-up up to the point where the app is imported: platform line, gunicorn, config warning. */
function bootPrelude(at: number, revision: string, instanceId: string, reason: string): number {
  let t = add(at + random(), 'varlog%2Fsystem', revision, instanceId, { severity: 'INFO', textPayload: `Starting new instance. Reason: ${reason}` });
  t = add((t += int(900, 1600)), 'stderr', revision, instanceId, { textPayload: gunicorn(t, 1, 'INFO', 'Starting gunicorn 22.0.0') });
  t = add((t += 1.2), 'stderr', revision, instanceId, { textPayload: gunicorn(t, 1, 'INFO', 'Listening at: http://0.0.0.0:8080 (1)') });
  t = add((t += 0.4), 'stderr', revision, instanceId, { textPayload: gunicorn(t, 1, 'INFO', 'Using worker: uvicorn.workers.UvicornWorker') });
  t = add((t += 6), 'stderr', revision, instanceId, { textPayload: gunicorn(t, 7, 'INFO', 'Booting worker with pid: 7') });
  t = add(t + int(300, 700), 'stderr', revision, instanceId, {
    jsonPayload: {
      'logging.googleapis.com/sourceLocation': { file: '/app/app/config.py', function: 'load_settings', line: '48' },
      logger: 'app.config',
      message: 'DATABASE_POOL_SIZE is not set; falling back to the default pool size of 5',
    },
    severity: 'WARNING',
  });
  return t;
}

const TRACEBACK = [
  'Traceback (most recent call last):',
  '  File "/usr/local/lib/python3.12/site-packages/gunicorn/arbiter.py", line 609, in spawn_worker',
  '  File "/app/app/main.py", line 14, in <module>',
  '    from app.services.monitoring import init_monitoring',
  "ModuleNotFoundError: No module named 'app.services.monitoring'",
];

/** A start-up of the broken revision: it crashes while importing the app. Returns the exit time. */
function crashingStart(at: number, instanceId: string): number {
  let t = bootPrelude(at, BAD, instanceId, 'DEPLOYMENT_ROLLOUT - Instance started because of a new revision deployment.');
  t = add((t += 3), 'stderr', BAD, instanceId, { textPayload: gunicorn(t, 7, 'ERROR', 'Exception in worker process') });
  for (const line of TRACEBACK) t = add(t + 0.08 + random() * 0.1, 'stderr', BAD, instanceId, { textPayload: line });
  t = add((t += 1), 'stderr', BAD, instanceId, { textPayload: gunicorn(t, 7, 'INFO', 'Worker exiting (pid: 7)') });
  t = add((t += 40), 'stderr', BAD, instanceId, { textPayload: gunicorn(t, 1, 'ERROR', 'Worker (pid:7) exited with code 3') });
  t = add((t += 0.3), 'stderr', BAD, instanceId, { textPayload: gunicorn(t, 1, 'INFO', 'Shutting down: Master') });
  t = add((t += 0.2), 'stderr', BAD, instanceId, { textPayload: gunicorn(t, 1, 'INFO', 'Reason: Worker failed to boot.') });
  return add(t + int(150, 400), 'varlog%2Fsystem', BAD, instanceId, { severity: 'WARNING', textPayload: 'Container called exit(3).' });
}

const ROUTES = [
  { method: 'GET', path: '/v1/orders', weight: 5 },
  { method: 'GET', path: '/v1/orders/{id}', weight: 4 },
  { method: 'POST', path: '/v1/orders', weight: 2 },
  { method: 'GET', path: '/healthz', weight: 2 },
  { method: 'GET', path: '/v1/catalog', weight: 3 },
] as const;
const AGENTS = ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36', 'okhttp/4.12.0', 'python-requests/2.32.3', 'GoogleHC/1.0'];

function route(): { method: string; url: string; path: string } {
  const total = ROUTES.reduce((s, r) => s + r.weight, 0);
  let x = int(1, total);
  for (const r of ROUTES) {
    x -= r.weight;
    if (x <= 0) {
      const path = r.path.replace('{id}', `ord_${hex(10)}`);
      return { method: r.method, path, url: `${HOST}${path}${r.method === 'GET' && path === '/v1/orders' ? `?page=${int(1, 4)}` : ''}` };
    }
  }
  return { method: 'GET', path: '/healthz', url: `${HOST}/healthz` };
}

function request(at: number, revision: string, instanceId: string, status: number, latencyMs: number, r = route()): void {
  add(at, 'requests', revision, instanceId, {
    httpRequest: {
      latency: `${(latencyMs / 1000).toFixed(9)}s`,
      protocol: 'HTTP/1.1',
      remoteIp: `${int(1, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`,
      requestMethod: r.method,
      requestSize: String(int(250, 900)),
      requestUrl: r.url,
      responseSize: String(status === 503 ? int(100, 180) : int(400, 9000)),
      serverIp: `216.239.3${int(2, 8)}.53`,
      status,
      userAgent: pick(AGENTS),
    },
    severity: status >= 500 ? 'ERROR' : status >= 400 ? 'WARNING' : 'INFO',
    ...trace(),
  });
}

function appLog(at: number, revision: string, instanceId: string, r: { method: string; path: string }, latencyMs: number): void {
  const created = r.method === 'POST';
  add(at, 'stdout', revision, instanceId, {
    jsonPayload: {
      logger: created ? 'app.orders' : 'app.access',
      message: created ? `Order ord_${hex(10)} created for customer cus_${hex(8)}` : `${r.method} ${r.path} completed in ${latencyMs.toFixed(1)}ms`,
      ...(created ? { user_id: `usr_${hex(8)}` } : {}),
    },
    severity: 'INFO',
    ...trace(),
  });
}

// Revision 41: two instances already serving, a third starts at 09:03 (autoscaling).
const goodInstances = [newInstanceId(), newInstanceId()];
const scaled = newInstanceId();
const readyAt = bootPrelude(START + 3 * 60_000 + 12_345, GOOD, scaled, 'AUTOSCALING - Instance started due to configured scaling factors (e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic.');
add(readyAt + 210, 'stderr', GOOD, scaled, { textPayload: gunicorn(readyAt, 7, 'INFO', 'Started server process [7]') });
add(readyAt + 211, 'stderr', GOOD, scaled, { textPayload: gunicorn(readyAt, 7, 'INFO', 'Waiting for application startup.') });
add(readyAt + 260, 'stderr', GOOD, scaled, { textPayload: gunicorn(readyAt, 7, 'INFO', 'Application startup complete.') });
add(readyAt + 300, 'varlog%2Fsystem', GOOD, scaled, { severity: 'INFO', textPayload: `Default STARTUP TCP probe succeeded after 1 attempt for container "${SERVICE}-1" on port 8080.` });
goodInstances.push(scaled);

// The deploy of revision 42, as the audit log records it.
entries.push({
  us: DEPLOY * 1000 + 417_118,
  seq: seq++,
  entry: {
    insertId: `${hex(3)}${'abcdefghijklmnopqrstuvwxyz'[int(0, 25)]}${hex(7)}`.replace(/^\d/, 'k'),
    logName: `projects/${PROJECT}/logs/cloudaudit.googleapis.com%2Factivity`,
    protoPayload: {
      '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
      authenticationInfo: { principalEmail: `deployer@${PROJECT}.iam.gserviceaccount.com` },
      methodName: 'google.cloud.run.v1.Services.ReplaceService',
      resourceName: `namespaces/${PROJECT}/services/${SERVICE}`,
      serviceName: 'run.googleapis.com',
    },
    receiveTimestamp: iso(DEPLOY * 1000 + 1_203_551, 9),
    resource: { labels: { configuration_name: '', location: LOCATION, project_id: PROJECT, revision_name: '', service_name: SERVICE }, type: 'cloud_run_revision' },
    severity: 'NOTICE',
    timestamp: iso(DEPLOY * 1000 + 417_118),
  },
});

// The crash loop: one new instance of revision 42 after another, until the end of the window.
const crashes: Array<{ instanceId: string; start: number; exit: number }> = [];
for (let at = DEPLOY + 25_000; at < END - 20_000; at += int(70_000, 95_000)) {
  const instanceId = newInstanceId();
  crashes.push({ instanceId, start: at, exit: crashingStart(at, instanceId) });
}

// Traffic: steady requests; after the deploy half of them go to revision 42, which answers 503
// from whichever crashing instance was starting at the time.
for (let at = START + int(500, 4000); at < END; at += int(6_000, 12_000)) {
  const r = route();
  at += random();
  const toBad = at > DEPLOY + 25_000 && random() < 0.5;
  if (toBad) {
    const c = [...crashes].reverse().find((x) => x.start <= at) ?? crashes[0];
    if (c !== undefined) request(at, BAD, c.instanceId, 503, int(2, 60) + random(), r);
    continue;
  }
  const latency = r.path === '/healthz' ? 1 + random() * 3 : 20 + random() * 180;
  const instanceId = pick(at > readyAt ? goodInstances : goodInstances.slice(0, 2));
  request(at, GOOD, instanceId, 200, latency, r);
  if (r.path !== '/healthz' && random() < 0.6) appLog(at - latency / 2, GOOD, instanceId, r, latency);
}

// gcloud lists newest first and prints sorted keys with a two-space indent.
entries.sort((a, b) => b.us - a.us || b.seq - a.seq);
const sortKeys = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Entry)[k])]));
};
writeFileSync(OUT, `${JSON.stringify(entries.map((e) => sortKeys(e.entry)), null, 2)}\n`);
console.log(`wrote ${entries.length} entries (${crashes.length} crashing start-ups of ${BAD}) to ${OUT}`);

import type { Hint } from '../core/incident.js';
import type { IncidentView } from './view.js';

// The playbook: error classes to the checks an on-call engineer would make. A hint fires only on
// evidence found in the incident's own text, and quotes it; it never states a figure of its own.

interface Play {
  id: string;
  title: string;
  checks: string[];
  /** More specific plays that, when they fire, make this one redundant. */
  supersededBy?: string[];
  /** Finds the evidence in the incident; undefined when the play does not apply. */
  find(v: IncidentView): string | undefined;
}

const MAX_QUOTE = 160;

function textMatch(re: RegExp): (v: IncidentView) => string | undefined {
  return (v) => {
    if (v.exception !== undefined) {
      const line = `${v.exception.type}: ${v.exception.message.split('\n')[0] ?? ''}`;
      if (re.test(line)) return line;
    }
    return v.templates.find((t) => re.test(t.text))?.text;
  };
}

const AUTH_WORDS = /\b(?:JWT|token|audience|signature|unauthori[sz]ed|not authenticated|credential|forbidden|service id mismatch)\b/i;

const PLAYS: Play[] = [
  {
    id: 'token-validation',
    title: 'Requests rejected by token validation (401/403)',
    checks: [
      'Compare the token issuer and audience the caller sends with what this service expects (service-to-service JWT audience).',
      'Check that both services share the same signing secret or JWKS, and that it was not rotated on one side only.',
      'Check clock skew between the services (token exp/nbf/iat) and the token lifetime.',
      'Check the credentials/service account the caller uses in this environment.',
    ],
    find: (v) => {
      // Quote the most telling line: one naming the token, else any authentication word.
      const token = textMatch(/\b(?:JWT|token|audience|signature)\b/i)(v);
      if (token !== undefined) return token;
      const rejected = v.requests.some((r) => r.status === 401 || r.status === 403);
      return rejected ? textMatch(AUTH_WORDS)(v) : undefined;
    },
  },
  {
    id: 'dependency-unreachable',
    title: 'A dependency is unreachable (connection refused or timed out)',
    supersededBy: ['pool-exhausted', 'tls-verify'],
    checks: [
      'Check that the dependency (database, cache, upstream API) is up and listening on the address this service uses.',
      'Check the network path: VPC connector, firewall rules, DNS, and the dependency’s connection limits.',
      'Check timeouts and retries on the client side.',
    ],
    find: textMatch(/connection refused|ECONNREFUSED|ECONNRESET|timed out|ETIMEDOUT|deadline exceeded|Name or service not known|getaddrinfo|no route to host|could not connect/i),
  },
  {
    id: 'pool-exhausted',
    title: 'Connection pool exhausted',
    checks: [
      'Look for connections that are not returned to the pool (missing close/release, long transactions).',
      'Compare pool size × instances with the database’s max connections.',
      'Check slow queries holding connections.',
    ],
    find: textMatch(/pool (?:is )?exhausted|QueuePool limit|too many (?:clients|connections)|remaining connection slots|connection pool timeout|pool timeout|could not obtain connection/i),
  },
  {
    id: 'tls-verify',
    title: 'TLS certificate verification failed',
    checks: [
      'Check the certificate chain and expiry of the endpoint being called.',
      'Check the CA bundle in the container image and any custom CA the service needs.',
      'Check the hostname the client uses matches the certificate.',
    ],
    find: textMatch(/certificate verify failed|CERTIFICATE_VERIFY_FAILED|x509:|self[- ]signed certificate|unable to get local issuer certificate|certificate has expired/i),
  },
  {
    id: 'out-of-memory',
    title: 'Out of memory',
    checks: [
      'Compare the memory limit of the service with its peak usage; raise the limit or lower concurrency.',
      'Look for unbounded caches or large payloads loaded whole.',
    ],
    find: textMatch(/out of memory|\bOOM\b|OOMKilled|memory limit|MemoryError|heap out of memory|OutOfMemoryError|Cannot allocate memory/i),
  },
  {
    id: 'broken-deploy',
    title: 'Broken deploy: code or dependency missing in the new revision',
    checks: [
      'Roll back to the previous revision if users are affected.',
      'Check that the module/package is in the image (requirements/lockfile, build context, .dockerignore).',
      'Check the import path after recent moves or renames.',
    ],
    find: (v) => {
      const quote = textMatch(/ModuleNotFoundError|ImportError|No module named|Cannot find module|ClassNotFoundException|NoClassDefFoundError|cannot find package/i)(v);
      if (quote === undefined) return undefined;
      return v.freshRevision !== undefined || v.figures.exits > 0 ? quote : undefined;
    },
  },
];

export function hintsFor(v: IncidentView): Hint[] {
  const out: Hint[] = [];
  const found = new Map(PLAYS.map((p) => [p.id, p.find(v)] as const));
  for (const p of PLAYS) {
    const ev = found.get(p.id);
    if (ev === undefined) continue;
    if ((p.supersededBy ?? []).some((id) => found.get(id) !== undefined)) continue;
    const where = p.id === 'broken-deploy' && v.freshRevision !== undefined ? ` (revision ${v.freshRevision} is new)` : '';
    out.push({ id: p.id, title: p.title, checks: p.checks, evidence: `"${quote(ev)}"${where}` });
  }
  return out;
}

function quote(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > MAX_QUOTE ? `${line.slice(0, MAX_QUOTE - 1)}…` : line;
}

import type { HttpStats, MinuteCount, RevisionSeen } from '../core/incident.js';
import { SEVERITY_NUMBERS, type Severity } from '../core/severity.js';
import { MINUTE_MS, type GroupAcc } from './group-acc.js';

// The measured figures of one incident, merged from its groups. Nothing here is estimated: every
// number can be recomputed from the input records of the incident.

export interface IncidentFigures {
  count: number;
  bySeverity: Partial<Record<Severity, number>>;
  maxSeverity: Severity;
  /** Worst severity counting levels printed in the text of entries without one ("- ERROR -"). */
  maxEffectiveSeverity: Severity;
  firstMs: number;
  lastMs: number;
  perMinute: MinuteCount[];
  peakPerMinute: MinuteCount;
  currentPerMinute: number;
  freshPerMinute: MinuteCount[];
  revisions: { name: string; count: number; firstMs: number }[];
  instances: number;
  traces: number;
  users: number;
  http?: HttpStats;
  /** Requests that failed the user: 5xx, and 401/403/408/429 (rejected or timed out). */
  failedRequests: number;
  exits: number;
  exitCodes: Map<string, number>;
}

export const isoMinute = (ms: number): string => new Date(Math.floor(ms / MINUTE_MS) * MINUTE_MS).toISOString().replace('.000Z', 'Z');
export const isoTime = (ms: number): string => new Date(ms).toISOString();

const USER_FACING_4XX = new Set([401, 403, 408, 429]);

export function figuresOf(groups: GroupAcc[], windowToMs: number): IncidentFigures {
  const bySeverity: Partial<Record<Severity, number>> = {};
  const perMinute = new Map<number, number>();
  const fresh = new Map<number, number>();
  const revisions = new Map<string, { count: number; firstMs: number }>();
  const instances = new Set<string>();
  const traces = new Set<string>();
  const users = new Set<string>();
  const exitCodes = new Map<string, number>();
  const byStatus = new Map<number, number>();
  const latencies: number[] = [];
  let count = 0;
  let requests = 0;
  let exits = 0;
  let maxSeverity: Severity = 'DEFAULT';
  let maxEffectiveSeverity: Severity = 'DEFAULT';
  let firstMs = Infinity;
  let lastMs = -Infinity;
  for (const g of groups) {
    count += g.count;
    for (const [s, n] of Object.entries(g.bySeverity) as [Severity, number][]) bySeverity[s] = (bySeverity[s] ?? 0) + n;
    if (SEVERITY_NUMBERS[g.maxSeverity] > SEVERITY_NUMBERS[maxSeverity]) maxSeverity = g.maxSeverity;
    if (SEVERITY_NUMBERS[g.maxEffectiveSeverity] > SEVERITY_NUMBERS[maxEffectiveSeverity]) maxEffectiveSeverity = g.maxEffectiveSeverity;
    firstMs = Math.min(firstMs, g.firstMs);
    lastMs = Math.max(lastMs, g.lastMs);
    addAll(perMinute, g.perMinute);
    addAll(fresh, g.freshPerMinute);
    for (const [name, r] of g.revisions) {
      const cur = revisions.get(name);
      if (cur === undefined) revisions.set(name, { ...r });
      else {
        cur.count += r.count;
        cur.firstMs = Math.min(cur.firstMs, r.firstMs);
      }
    }
    for (const i of g.instances) instances.add(i);
    for (const t of g.traces) traces.add(t);
    for (const u of g.users) users.add(u);
    exits += g.roles.exit ?? 0;
    for (const [c, n] of g.exitCodes) exitCodes.set(c, (exitCodes.get(c) ?? 0) + n);
    if (g.http !== undefined) {
      requests += g.http.requests;
      addAll(byStatus, g.http.byStatus);
      for (const l of g.http.latencies) latencies.push(l);
    }
  }
  const minutes = toMinuteCounts(perMinute);
  const peak = minutes.reduce<MinuteCount>((best, m) => (m.count > best.count ? m : best), minutes[0] ?? { minute: isoMinute(firstMs), count: 0 });
  const lastFull = Math.floor(windowToMs / MINUTE_MS) - 1;
  let failedRequests = 0;
  for (const [status, n] of byStatus) if (status >= 500 || USER_FACING_4XX.has(status)) failedRequests += n;
  const figures: IncidentFigures = {
    count,
    bySeverity,
    maxSeverity,
    maxEffectiveSeverity,
    firstMs,
    lastMs,
    perMinute: minutes,
    peakPerMinute: peak,
    currentPerMinute: perMinute.get(lastFull) ?? 0,
    freshPerMinute: toMinuteCounts(fresh),
    revisions: [...revisions].map(([name, r]) => ({ name, ...r })).sort((a, b) => a.firstMs - b.firstMs || (a.name < b.name ? -1 : 1)),
    instances: instances.size,
    traces: traces.size,
    users: users.size,
    failedRequests,
    exits,
    exitCodes,
  };
  if (requests > 0) figures.http = httpStats(requests, byStatus, latencies);
  return figures;
}

export function httpStats(requests: number, byStatus: Map<number, number>, latencies: number[]): HttpStats {
  let s5 = 0;
  let s4 = 0;
  const out: Record<string, number> = {};
  for (const [status, n] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    out[String(status)] = n;
    if (status >= 500) s5 += n;
    else if (status >= 400) s4 += n;
  }
  const stats: HttpStats = { requests, status5xx: s5, status4xx: s4, share5xx: round(s5 / requests, 4), byStatus: out };
  if (latencies.length > 0) {
    const sorted = [...latencies].sort((a, b) => a - b);
    stats.latencyMs = { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
  }
  return stats;
}

/** Nearest-rank percentile of sorted values: always one of the measured values, never interpolated. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return round(sorted[Math.min(sorted.length, rank) - 1]!, 3);
}

export function revisionsSeen(f: IncidentFigures, firstLogged: (name: string) => number | undefined): RevisionSeen[] {
  return f.revisions.map((r) => {
    const out: RevisionSeen = { name: r.name, count: r.count, firstSeen: isoTime(r.firstMs) };
    const fl = firstLogged(r.name);
    if (fl !== undefined) out.revisionFirstLogged = isoTime(fl);
    return out;
  });
}

function toMinuteCounts(m: Map<number, number>): MinuteCount[] {
  return [...m].sort((a, b) => a[0] - b[0]).map(([n, count]) => ({ minute: isoMinute(n * MINUTE_MS), count }));
}

function addAll<K>(into: Map<K, number>, from: Map<K, number>): void {
  for (const [k, n] of from) into.set(k, (into.get(k) ?? 0) + n);
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

import type { Incident, MinuteCount, Priority, Sample, TemplateSummary } from '../core/incident.js';
import { SEVERITY_NUMBERS } from '../core/severity.js';
import type { IncidentObservation } from '../store/store.js';
import type { Edge } from './evidence.js';
import { explainJoin } from './explain.js';
import type { Fingerprint } from './fingerprint.js';
import type { GroupAcc } from './group-acc.js';
import type { IncidentView } from './view.js';

// Small pure pieces of assembling an incident from its groups: which group names it, the order of
// incidents, its failed routes, samples, the why-grouped lines, and what the store saves.

const KIND_RANK: Record<Fingerprint['kind'], number> = { rule: 0, exception: 1, template: 2, request: 3, silence: 4 };

/** The group that names the incident (its key): rules, then exceptions, then errors, stable by key. */
export function primaryOrder(a: GroupAcc, b: GroupAcc): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  const sa = SEVERITY_NUMBERS[a.maxSeverity];
  const sb = SEVERITY_NUMBERS[b.maxSeverity];
  if (sa !== sb) return sb - sa;
  return a.key < b.key ? -1 : 1;
}

function rank(g: GroupAcc): number {
  const base = KIND_RANK[g.fingerprint.kind] * 10;
  if (g.fingerprint.kind !== 'template') return base;
  // Among templates: errors name an incident before warnings, exits and fragments.
  const r = g.roles;
  return base + ((r.anchor ?? 0) > 0 ? 0 : (r.problem ?? 0) > 0 ? 2 : (r.exit ?? 0) > 0 ? 4 : 6);
}

const PRIORITY_ORDER: Record<Priority, number> = { P0: 0, P1: 1, P2: 2, P3: 3 };

export function incidentOrder(a: Incident, b: Incident): number {
  return (
    PRIORITY_ORDER[a.score.priority] - PRIORITY_ORDER[b.score.priority] ||
    b.score.total - a.score.total ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

export function failedRequests(members: GroupAcc[]): IncidentView['requests'] {
  const out: IncidentView['requests'] = [];
  for (const m of members) {
    const h = m.http;
    if (h === undefined) continue;
    let top: [number, number] | undefined;
    for (const [status, n] of h.byStatus) if (status >= 400 && (top === undefined || n > top[1] || (n === top[1] && status < top[0]))) top = [status, n];
    if (top !== undefined) out.push({ method: h.method ?? '?', route: h.route ?? '?', status: top[0], count: top[1] });
  }
  return out.sort((a, b) => b.count - a.count || (a.route < b.route ? -1 : a.route > b.route ? 1 : a.status - b.status));
}

export function pickSamples(primary: GroupAcc, templates: TemplateSummary[], n: number): Sample[] {
  const primaryIds = new Set(primary.templates.keys());
  const ordered = [...templates].sort((a, b) => Number(primaryIds.has(b.id)) - Number(primaryIds.has(a.id)));
  const out: Sample[] = [];
  for (let round = 0; out.length < n && round < 3; round++) {
    for (const t of ordered) {
      const s = t.samples[round];
      if (s !== undefined && out.length < n) out.push(s);
    }
  }
  return out;
}

export function grouping(primary: GroupAcc, members: GroupAcc[], joins: Map<string, Edge>, label: (k: string) => string): string[] {
  const lines: string[] = [];
  const fp = primary.fingerprint;
  if (primary.rule?.spec.merge !== undefined) lines.push(`rule "${primary.rule.name}" merges every entry it matches into this incident`);
  else if (fp.kind === 'template') lines.push(`template fingerprint v${fp.version}: ${fp.basis} ("${label(primary.key)}")`);
  else lines.push(`${fp.kind} fingerprint v${fp.version}: ${fp.basis.length > 160 ? `${fp.basis.slice(0, 159)}…` : fp.basis}`);
  if (primary.templates.size > 1) lines.push(`${primary.templates.size} message variants share that fingerprint`);
  const keys = new Set(members.map((m) => m.key));
  for (const m of [...members].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1))) {
    const e = joins.get(m.key);
    if (e !== undefined && keys.has(e.to)) lines.push(explainJoin(e, label));
  }
  return lines;
}

export function observationOf(i: Incident, freshPerMinute: MinuteCount[]): IncidentObservation {
  return {
    key: i.key,
    service: i.service,
    title: i.title,
    firstSeen: i.firstSeen,
    lastSeen: i.lastSeen,
    freshPerMinute,
    revisions: i.revisions.map((r) => r.name),
    state: 'open',
  };
}

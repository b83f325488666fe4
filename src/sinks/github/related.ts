import type { Incident } from '../../core/incident.js';

// Related issues: what the analysis found (co-occurring, shared traces) plus what is visible across
// this run's incidents (same top frame, same exception type). Each link keeps its reason; targets
// are incident keys until the applier knows their issue numbers.

export interface RelatedTarget {
  incidentKey?: string;
  issueNumber?: number;
  reason: string;
}

export function relatedTargets(incident: Incident, all: readonly Incident[], max: number): RelatedTarget[] {
  const out = new Map<string, RelatedTarget>();
  const add = (t: RelatedTarget) => {
    const id = t.incidentKey !== undefined ? `k:${t.incidentKey}` : `n:${t.issueNumber}`;
    if (t.incidentKey === incident.key || out.has(id)) return;
    out.set(id, t);
  };
  for (const r of incident.related) {
    if (r.incidentKey !== undefined || r.issueNumber !== undefined) add({ ...r });
  }
  const ex = incident.exception;
  if (ex) {
    const top = ex.topFrames[0];
    for (const other of all) {
      if (other.key === incident.key || !other.exception) continue;
      if (top !== undefined && other.exception.topFrames[0] === top) add({ incidentKey: other.key, reason: `same top frame: ${top}` });
    }
    for (const other of all) {
      if (other.key === incident.key || !other.exception) continue;
      if (other.exception.type === ex.type) add({ incidentKey: other.key, reason: `same exception type: ${ex.type}` });
    }
  }
  return [...out.values()].slice(0, max);
}

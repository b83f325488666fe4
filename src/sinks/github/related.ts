import type { Incident } from '../../core/incident.js';

// Related issues: what the analysis found (co-occurring, shared traces) plus what is visible across
// this run's incidents (same top frame, same exception type). Each link keeps its reason; targets
// are incident keys until the applier knows their issue numbers.

export interface RelatedTarget {
  incidentKey?: string;
  issueNumber?: number;
  reason: string;
}

/** Incidents by top frame and by exception type, built once per plan (linear, not pairwise). */
export interface RelatedIndex {
  byTopFrame: Map<string, string[]>;
  byType: Map<string, string[]>;
}

export function relatedIndex(all: readonly Incident[]): RelatedIndex {
  const byTopFrame = new Map<string, string[]>();
  const byType = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, k: string, v: string) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const i of all) {
    if (!i.exception) continue;
    const top = i.exception.topFrames[0];
    if (top !== undefined) push(byTopFrame, top, i.key);
    push(byType, i.exception.type, i.key);
  }
  return { byTopFrame, byType };
}

export function relatedTargets(incident: Incident, index: RelatedIndex, max: number): RelatedTarget[] {
  const out = new Map<string, RelatedTarget>();
  const add = (t: RelatedTarget) => {
    const id = t.incidentKey !== undefined ? `k:${t.incidentKey}` : `n:${t.issueNumber}`;
    if (t.incidentKey === incident.key || out.has(id) || out.size >= max) return;
    out.set(id, t);
  };
  for (const r of incident.related) {
    if (r.incidentKey !== undefined || r.issueNumber !== undefined) add({ ...r });
  }
  const ex = incident.exception;
  if (ex) {
    const top = ex.topFrames[0];
    if (top !== undefined) for (const key of index.byTopFrame.get(top) ?? []) add({ incidentKey: key, reason: `same top frame: ${top}` });
    for (const key of index.byType.get(ex.type) ?? []) add({ incidentKey: key, reason: `same exception type: ${ex.type}` });
  }
  return [...out.values()];
}

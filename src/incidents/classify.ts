import type { Classification } from '../core/incident.js';
import type { IncidentMemory } from '../core/history.js';
import { isoTime } from './stats.js';

// new | regression | active-dev | other, from the evidence of earlier runs and revision ages.
// Each verdict says why, in terms a reader can check against the store and the logs.

export interface RevisionAge {
  name: string;
  /** When the revision first logged anything, as the store remembers it (undefined when unknown). */
  firstLoggedMs?: number;
  /** True when it was deployed inside this window: unknown before, and another revision logged earlier. */
  deployedInWindow: boolean;
}

export interface ClassifyInput {
  memory?: IncidentMemory;
  /** The incident's revisions in this window. */
  revisions: RevisionAge[];
  windowFromMs: number;
  nowMs: number;
  activeDevHours: number;
  quietHours: number;
}

export interface ClassifyResult {
  classification: Classification;
  reason: string;
}

export function classify(input: ClassifyInput): ClassifyResult {
  const m = input.memory;
  if (m !== undefined) return classifyKnown(m, input);
  const recent = recentRevisions(input);
  if (input.revisions.length > 0 && recent.length === input.revisions.length) {
    const r = recent[0]!;
    const when = r.deployedInWindow ? 'was deployed inside this window' : `first logged at ${isoTime(r.firstLoggedMs!)}`;
    return {
      classification: 'active-dev',
      reason: `never seen before, and seen only in recently deployed revision${recent.length > 1 ? 's' : ''}: ${recent.map((x) => x.name).join(', ')} (${r.name} ${when})`,
    };
  }
  return { classification: 'new', reason: 'never seen before: no earlier run recorded this fingerprint' };
}

function classifyKnown(m: IncidentMemory, input: ClassifyInput): ClassifyResult {
  const lastSeenMs = Date.parse(m.lastSeen);
  const quiet = input.windowFromMs - lastSeenMs >= input.quietHours * 3_600_000;
  if (m.state === 'resolved' || quiet) {
    const known = new Set(m.revisions);
    const newer = input.revisions.filter((r) => !known.has(r.name)).map((r) => r.name);
    const was =
      m.state === 'resolved'
        ? `was resolved${m.resolvedAt !== undefined ? ` at ${m.resolvedAt}` : ''} (last seen ${m.lastSeen})`
        : `was absent for more than ${input.quietHours} h (last seen ${m.lastSeen})`;
    const rev = newer.length > 0 ? `, now in newer revision${newer.length > 1 ? 's' : ''} ${newer.join(', ')} (earlier: ${m.revisions.join(', ') || 'none recorded'})` : '';
    return { classification: 'regression', reason: `${was} and is back${rev}` };
  }
  if (m.state === 'ignored') return { classification: 'other', reason: `known since ${m.firstSeen} and marked ignored` };
  return {
    classification: 'other',
    reason: `ongoing: known since ${m.firstSeen}, last seen ${m.lastSeen}, ${m.totalCount} entries in earlier runs`,
  };
}

function recentRevisions(input: ClassifyInput): RevisionAge[] {
  const horizon = input.nowMs - input.activeDevHours * 3_600_000;
  return input.revisions.filter((r) => r.deployedInWindow || (r.firstLoggedMs !== undefined && r.firstLoggedMs >= horizon));
}

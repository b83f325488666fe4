import type { Classification, Priority, PriorityScore, ScoreComponent } from '../core/incident.js';
import { SEVERITY_NUMBERS, type Severity } from '../core/severity.js';
import { round, type IncidentFigures } from './stats.js';

// The published priority formula (docs/priority.md). Each component is computed from a measured
// figure and printed with the points it gave, so anyone can check the arithmetic.

export const PRIORITY_THRESHOLDS = 'P0 >= 80, P1 >= 55, P2 >= 30, else P3';

const SEVERITY_POINTS: Record<Severity, number> = {
  EMERGENCY: 30, ALERT: 30, CRITICAL: 30, ERROR: 22, WARNING: 10, NOTICE: 3, INFO: 3, DEBUG: 0, DEFAULT: 0,
};

export interface ScoreInput {
  figures: IncidentFigures;
  classification: Classification;
  spikeFactor?: number;
  /** All requests of the service in the window, for the failed-request share. */
  serviceRequests: number;
  /** Priority forced by a rule, with the rule's name. */
  override?: { priority: Priority; rule: string };
}

export function priorityOf(total: number): Priority {
  return total >= 80 ? 'P0' : total >= 55 ? 'P1' : total >= 30 ? 'P2' : 'P3';
}

/**
 * How much volume, rate, spike and novelty count: fully for failures (ERROR and worse, exits,
 * failed requests), partly for warnings, little for routine logging, so that a lot of routine
 * traffic never outranks a small real failure.
 */
export function problemWeight(f: IncidentFigures): { weight: number; why: string } {
  const sev = SEVERITY_NUMBERS[f.maxEffectiveSeverity];
  if (sev >= SEVERITY_NUMBERS.ERROR || f.exits > 0 || f.failedRequests > 0) return { weight: 1, why: 'a failure: ERROR or worse, an exit, or failed requests' };
  if (sev >= SEVERITY_NUMBERS.WARNING) return { weight: 0.6, why: 'warnings only' };
  return { weight: 0.2, why: 'routine entries only (below WARNING)' };
}

export function scoreIncident(input: ScoreInput): PriorityScore {
  const f = input.figures;
  const c: ScoreComponent[] = [];
  const { weight, why: weightWhy } = problemWeight(f);
  const w = (x: number) => round(x * weight);
  const sev = f.maxEffectiveSeverity;
  const printed = sev !== f.maxSeverity ? ` (printed in the text; entry severity ${f.maxSeverity})` : '';
  c.push({ name: 'severity', measured: `${sev}${printed}`, points: SEVERITY_POINTS[sev], why: 'worst severity among its entries: CRITICAL+ 30, ERROR 22, WARNING 10, INFO/NOTICE 3' });
  c.push({ name: 'volume', measured: `${f.count} entries`, points: w(Math.min(15, 5 * Math.log10(1 + f.count))), why: `min(15, 5·log10(1 + entries)) × weight ${weight}` });
  c.push({ name: 'rate', measured: `${f.peakPerMinute.count}/min at ${f.peakPerMinute.minute}`, points: w(Math.min(10, 5 * Math.log10(1 + f.peakPerMinute.count))), why: `min(10, 5·log10(1 + peak entries per minute)) × weight ${weight}` });
  const spike = input.spikeFactor;
  c.push(
    spike === undefined
      ? { name: 'spike', measured: 'no baseline', points: 0, why: 'no earlier runs to compare with' }
      : { name: 'spike', measured: `x${round(spike, 2)}`, points: spike >= 2 ? w(Math.min(15, 5 * Math.log2(spike))) : 0, why: `min(15, 5·log2(rate / baseline)) when at least x2, × weight ${weight}` },
  );
  const share = input.serviceRequests > 0 ? f.failedRequests / input.serviceRequests : 0;
  c.push({
    name: 'impact',
    measured: `${f.failedRequests} failed requests (${round(share * 100)}% of ${input.serviceRequests})`,
    points: f.failedRequests > 0 ? round(Math.min(25, 3 * Math.log2(1 + f.failedRequests) + 10 * share)) : 0,
    why: 'user-facing: 5xx and 401/403/408/429 responses, min(25, 3·log2(1 + failed) + 10·share of all requests)',
  });
  c.push({ name: 'crash', measured: `${f.exits} exits`, points: f.exits === 0 ? 0 : f.exits === 1 ? 15 : 20, why: 'process or container exits: 15 for one, 20 for more (a loop)' });
  const novelty = input.classification === 'new' ? 10 : input.classification === 'active-dev' ? 5 : 0;
  c.push({ name: 'novelty', measured: input.classification, points: w(novelty), why: `new 10, active-dev 5, × weight ${weight}` });
  c.push({ name: 'regression', measured: input.classification === 'regression' ? 'yes' : 'no', points: input.classification === 'regression' ? 15 : 0, why: 'back after it was resolved: 15' });
  c.push({ name: 'weight', measured: String(weight), points: 0, why: `${weightWhy}; scales volume, rate, spike and novelty` });
  const total = round(Math.min(100, c.reduce((s, x) => s + x.points, 0)));
  const score: PriorityScore = { total, priority: priorityOf(total), components: c, thresholds: PRIORITY_THRESHOLDS };
  if (input.override !== undefined) {
    score.priority = input.override.priority;
    score.override = `rule "${input.override.rule}" sets ${input.override.priority}`;
  }
  return score;
}

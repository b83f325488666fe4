import type { Edge, EvidenceLimits } from './evidence.js';
import type { GroupAcc } from './group-acc.js';

// How often a co-occurrence would happen by chance. A group that logs every few hundred
// milliseconds on an instance is "within a second" of everything else on it; being near it is no
// evidence. The chance that a random moment on one of the target's instances falls within the
// evidence window of one of its entries is 1 − exp(−density · window), density being the target's
// entries per millisecond per instance over its active span. An edge counts only when its ratio is
// at least halfway from that chance to certainty.

const MIN_SPAN_MS = 60_000;

export function chanceOf(edge: Edge, target: GroupAcc, limits: EvidenceLimits): number {
  if (edge.kind === 'trace') return 0; // a shared trace id is not a matter of timing
  const span = Math.max(MIN_SPAN_MS, target.lastMs - target.firstMs);
  const density = target.count / (span * Math.max(1, target.instances.size));
  return 1 - Math.exp(-density * windowOf(edge.kind, target, limits));
}

export function beatsChance(edge: Edge, chance: number): boolean {
  return edge.ratio >= chance + 0.5 * (1 - chance);
}

function windowOf(kind: Edge['kind'], target: GroupAcc, l: EvidenceLimits): number {
  switch (kind) {
    case 'error-pair':
      return 2 * l.errorPairWindowMs;
    case 'fragment':
      return 2 * l.fragmentWindowMs;
    case 'exit':
      return l.exitWindowMs;
    case 'instance-5xx':
      return 2 * l.serverErrorWindowMs;
    case 'request': {
      const lat = target.http?.latencies ?? [];
      const mean = lat.length > 0 ? lat.reduce((a, b) => a + b, 0) / lat.length : 0;
      return Math.min(mean, Math.max(l.exitWindowMs, l.serverErrorWindowMs)) + 2 * l.requestSlackMs;
    }
    case 'trace':
      return 0;
  }
}

// Pairwise precision / recall / F1 of a clustering against true labels, the usual measure for log
// grouping: over all pairs of entries, a pair is positive when both sit in the same cluster.
// Computed from contingency counts (O(n)), not by enumerating pairs.

export interface PairwiseScore {
  precision: number;
  recall: number;
  f1: number;
  entries: number;
}

export function pairwiseF1(predicted: readonly string[], truth: readonly string[]): PairwiseScore {
  if (predicted.length !== truth.length) throw new Error(`pairwiseF1: ${predicted.length} predictions for ${truth.length} labels`);
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const byPred = new Map<string, number>();
  const byTruth = new Map<string, number>();
  const byBoth = new Map<string, number>();
  for (let i = 0; i < predicted.length; i++) {
    const p = predicted[i]!;
    const t = truth[i]!;
    byPred.set(p, (byPred.get(p) ?? 0) + 1);
    byTruth.set(t, (byTruth.get(t) ?? 0) + 1);
    const k = `${p}\u0000${t}`;
    byBoth.set(k, (byBoth.get(k) ?? 0) + 1);
  }
  let tp = 0;
  for (const n of byBoth.values()) tp += pairs(n);
  let predPairs = 0;
  for (const n of byPred.values()) predPairs += pairs(n);
  let truePairs = 0;
  for (const n of byTruth.values()) truePairs += pairs(n);
  const precision = predPairs === 0 ? 1 : tp / predPairs;
  const recall = truePairs === 0 ? 1 : tp / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, entries: predicted.length };
}

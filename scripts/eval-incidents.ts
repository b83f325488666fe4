// Scores the incident grouping against labelled logs: pairwise precision, recall and F1 over input
// entries (an entry folded into another record, e.g. a traceback fragment, counts with the incident
// of the record it was folded into).
//
//   npm run eval:incidents                                  # the project's labelled corpus
//   npm run eval:incidents -- --input FILE --labels FILE    # any labelled export ({insertId: label})
import { readFileSync } from 'node:fs';
import { analyse, readRecords } from '../src/incidents/testdata/pipeline.js';
import { pairwiseF1 } from '../src/incidents/index.js';

export interface LabelledScore {
  precision: number;
  recall: number;
  f1: number;
  entries: number;
  incidents: number;
  labels: number;
  /** Per true label: how many predicted incidents its entries were spread over. */
  spread: { label: string; entries: number; incidents: number }[];
}

export async function scoreLabelled(inputPath: string, labelsPath: string): Promise<LabelledScore> {
  const labels = JSON.parse(readFileSync(labelsPath, 'utf8')) as Record<string, string>;
  const records = await readRecords(inputPath);
  const a = await analyse(records);
  const predicted: string[] = [];
  const truth: string[] = [];
  const byLabel = new Map<string, Set<string>>();
  const counts = new Map<string, number>();
  a.records.forEach((r, i) => {
    for (const id of [r.insertId, ...(r.foldedInsertIds ?? [])]) {
      const label = labels[id];
      if (label === undefined) continue;
      const inc = a.incidentOf[i] || `ignored:${id}`;
      predicted.push(inc);
      truth.push(label);
      const set = byLabel.get(label) ?? new Set();
      set.add(inc);
      byLabel.set(label, set);
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  });
  const s = pairwiseF1(predicted, truth);
  return {
    ...s,
    incidents: new Set(predicted).size,
    labels: byLabel.size,
    spread: [...byLabel].map(([label, set]) => ({ label, entries: counts.get(label) ?? 0, incidents: set.size })).sort((x, y) => (x.label < y.label ? -1 : 1)),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const input = flag('--input') ?? 'src/incidents/testdata/incident-corpus.json';
  const labels = flag('--labels') ?? 'src/incidents/testdata/incident-corpus.labels.json';
  const s = await scoreLabelled(input, labels);
  console.log(`incident grouping on ${input}`);
  console.log(`  entries ${s.entries}, true incidents ${s.labels}, predicted incidents ${s.incidents}`);
  console.log(`  pairwise precision ${s.precision.toFixed(4)}  recall ${s.recall.toFixed(4)}  F1 ${s.f1.toFixed(4)}`);
  for (const x of s.spread) if (x.incidents > 1) console.log(`  split: ${x.label} (${x.entries} entries) over ${x.incidents} incidents`);
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

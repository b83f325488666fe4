// Scores the incident grouping against labelled logs: pairwise precision, recall and F1 over input
// entries (an entry folded into another record, e.g. a traceback fragment, counts with the incident
// of the record it was folded into).
//
//   npm run eval:incidents                                  # the project's labelled corpus
//   npm run eval:incidents -- --input FILE --labels FILE    # any labelled export ({insertId: label})
import { readFileSync } from 'node:fs';
import { emptyHistory } from '../src/core/history.js';
import type { LogRecord } from '../src/core/record.js';
import { analyse, minedText, projectMiner, readRecords } from '../src/incidents/testdata/pipeline.js';
import { createIncidentEngine, pairwiseF1 } from '../src/incidents/index.js';

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
  if (!args.includes('--no-speed')) await speed(await readRecords(input));
}

/** Engine cost alone (template ids precomputed): the corpus replayed, shifted in time, many times. */
async function speed(records: LogRecord[]): Promise<void> {
  const miner = await projectMiner();
  const ids = records.map((r) => miner.add(minedText(r), `${r.service ?? ''}|${r.severity}`));
  const rounds = Math.max(1, Math.ceil(300_000 / records.length));
  const engine = createIncidentEngine();
  const span = 3_600_000;
  const t0 = performance.now();
  // Records are shifted in place (one hour per round) so the loop measures the engine, not copying.
  const base = records.map((r) => r.timeMs);
  for (let k = 0; k < rounds; k++) {
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      r.timeMs = base[i]! + k * span;
      engine.add(r, ids[i]!, true);
    }
  }
  const t1 = performance.now();
  const first = Math.min(...records.map((r) => r.timeMs));
  const result = engine.finish({
    history: emptyHistory(),
    templates: (id) => miner.template(id),
    window: { from: new Date(first - (first % 60_000)).toISOString(), to: new Date(first + rounds * span).toISOString() },
    now: new Date(first + rounds * span).toISOString(),
  });
  const t2 = performance.now();
  const n = rounds * records.length;
  console.log(`  engine speed: ${n} records, add() ${Math.round(n / ((t1 - t0) / 1000))} records/s, finish() ${Math.round(t2 - t1)} ms, ${result.incidents.length} incidents, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

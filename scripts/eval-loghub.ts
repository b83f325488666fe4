// `npm run eval:loghub`: the miner with ONE generic configuration over every system of
// ../shared/data/loghub-2k, each scored by ../shared/tools/loghub_eval.py (the Loghub-2.0 metric
// definitions). Prints a per-system table and the averages.
//   --json FILE   also write the figures as JSON   --diff   show mispredicted templates per system
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMine } from '../src/cli/commands/mine.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(root, '../shared/data/loghub-2k');
const evaluator = resolve(root, '../shared/tools/loghub_eval.py');
const METRICS = ['GA', 'FGA', 'PA', 'FTA'] as const;
type Metric = (typeof METRICS)[number];

export interface SystemScore extends Record<Metric, number> {
  system: string;
  templates: number;
  gtTemplates: number;
}

export async function evalLoghub(opts: { diff?: boolean; log?: (s: string) => void } = {}): Promise<{ systems: SystemScore[]; averages: Record<Metric, number> }> {
  const formats = JSON.parse(readFileSync(join(dataDir, 'formats.json'), 'utf8')) as Record<string, { log_file: string; log_format: string; ground_truth: string }>;
  const tmp = mkdtempSync(join(tmpdir(), 'lg-eval-'));
  const systems: SystemScore[] = [];
  const sink = { write: () => true } as unknown as NodeJS.WritableStream;
  let stderr = '';
  const errSink = { write: (s: string) => { stderr += s; return true; } } as unknown as NodeJS.WritableStream;
  try {
    for (const name of Object.keys(formats).sort()) {
      const f = formats[name]!;
      const pred = join(tmp, `${name}.csv`);
      const code = await runMine(['--input', join(dataDir, f.log_file), '--log-format', f.log_format, '--output', pred], { stdout: sink, stderr: errSink });
      if (code !== 0) throw new Error(`mine failed on ${name}: ${stderr}`);
      const gt = join(dataDir, f.ground_truth);
      const r = spawnSync('python3', [evaluator, gt, pred, '--json'], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`loghub_eval.py failed on ${name}: ${r.stderr}`);
      const j = JSON.parse(r.stdout) as Record<string, number>;
      systems.push({ system: name, GA: j.GA!, FGA: j.FGA!, PA: j.PA!, FTA: j.FTA!, templates: j.pred_templates!, gtTemplates: j.gt_templates! });
      if (opts.diff === true && opts.log !== undefined) opts.log(diffTemplates(name, gt, pred));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const averages = Object.fromEntries(METRICS.map((m) => [m, systems.reduce((s, x) => s + x[m], 0) / systems.length])) as Record<Metric, number>;
  return { systems, averages };
}

/** Rows whose predicted template differs from the truth, grouped (for --diff). */
function diffTemplates(name: string, gtPath: string, predPath: string): string {
  const r = spawnSync('python3', ['-c', `
import csv,sys,collections
gt=list(csv.DictReader(open(sys.argv[1]))); pr=list(csv.DictReader(open(sys.argv[2])))
c=collections.Counter((g['EventTemplate'],p['EventTemplate']) for g,p in zip(gt,pr) if g['EventTemplate']!=p['EventTemplate'])
for (g,p),n in c.most_common(25): print(f"  {n:4d} GT  {g}\\n       GOT {p}")
`, gtPath, predPath], { encoding: 'utf8' });
  return `== ${name}\n${r.stdout}`;
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const t0 = Date.now();
  const { systems, averages } = await evalLoghub({ diff: args.includes('--diff'), log: (s) => console.log(s) });
  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (v: number) => v.toFixed(3).padStart(6);
  console.log(`${pad('system', 11)} ${METRICS.map((m) => m.padStart(6)).join(' ')}  templates (truth)`);
  for (const s of systems) console.log(`${pad(s.system, 11)} ${METRICS.map((m) => num(s[m])).join(' ')}  ${String(s.templates).padStart(5)} (${s.gtTemplates})`);
  console.log(`${pad('average', 11)} ${METRICS.map((m) => num(averages[m])).join(' ')}`);
  console.log(`targets     ${num(0.92)} ${num(0.88)} ${num(0.8)} ${num(0.72)}   (${((Date.now() - t0) / 1000).toFixed(1)} s, one generic configuration)`);
  if (jsonAt >= 0 && args[jsonAt + 1] !== undefined) writeFileSync(args[jsonAt + 1]!, JSON.stringify({ systems, averages }, null, 1));
}

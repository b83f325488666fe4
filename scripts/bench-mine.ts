// `npm run bench:mine`: generates a 1,000,000-line corpus (fixed seed, hundreds of templates, known
// true template per line), then in this same process measures
//   - a plain pass: read the file in chunks, split lines, split each line on whitespace;
//   - the miner: the same read, each line mined;
// and prints lines/s of both, their ratio, peak RSS, templates found vs true templates (and the
// grouping accuracy against the truth). Finally it times the whole `mine` command in a child process.
//   npx tsx scripts/bench-mine.ts [LINES] [--no-cli] [--profile]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { forEachLine, forEachLineBytes } from '../src/cli/commands/mine.js';
import { createMiner } from '../src/mine/index.js';
import { writeCorpus } from './gen-mine-corpus.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const lines = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'lg-bench-'));
const file = join(dir, 'corpus.log');
const mb = (kb: number) => (kb / 1024).toFixed(0);
const rate = (n: number, ms: number) => Math.round((n * 1000) / ms);
/** CPU ms (user + system) of finished child processes, from getrusage(RUSAGE_CHILDREN) via /proc. */
const childCpu = (): number => {
  try {
    // Fields 16 and 17 of /proc/self/stat: cutime and cstime in clock ticks (100 per second).
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return NaN;
  }
};

try {
  const t0 = performance.now();
  const { truth, templates } = await writeCorpus(file, lines, 42, 400);
  const trueTemplates = new Set(truth).size;
  console.log(`corpus: ${lines} lines, ${trueTemplates} true templates (of ${templates.length} defined), generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Warm both paths on the first 50k lines so neither pays the JIT alone.
  // Each pass returns [wall ms, CPU ms]. CPU time (user + system of this process) is also printed
  // because on a shared machine wall time mostly measures the neighbours.
  let tokens = 0;
  const timed = async (f: () => Promise<void>): Promise<[number, number]> => {
    const c = process.cpuUsage();
    const s = performance.now();
    await f();
    const d = process.cpuUsage(c);
    return [performance.now() - s, (d.user + d.system) / 1000];
  };
  const plain = () => timed(async () => {
    tokens = 0;
    await forEachLine(file, (line) => { tokens += line.split(' ').length; });
  });
  const ids: string[] = new Array<string>(lines); // references to the few id strings: 8 MB
  let miner = createMiner();
  const mine = () => timed(async () => {
    miner = createMiner();
    let i = 0;
    // As `log-gardener mine` reads: byte ranges of a reused buffer, mined without decoding.
    await forEachLineBytes(file, (buf, s, e) => { ids[i++] = miner.addBytes(buf, s, e); });
  });
  // Best of 3 alternating runs of each pass, same process, same file (page cache warm for both).
  let plainMs = Infinity;
  let mineMs = Infinity;
  let plainCpu = Infinity;
  let mineCpu = Infinity;
  for (let k = 0; k < 3; k++) {
    const [pw, pc] = await plain();
    const [mw, mc] = await mine();
    plainMs = Math.min(plainMs, pw);
    plainCpu = Math.min(plainCpu, pc);
    mineMs = Math.min(mineMs, mw);
    mineCpu = Math.min(mineCpu, mc);
  }
  const peak = process.resourceUsage().maxRSS;
  const st = miner.stats();
  // Grouping accuracy against the truth (Loghub GA: a true group is right if it maps to exactly one
  // predicted id that no other group uses).
  const byTruth = new Map<number, Set<string>>();
  const byId = new Map<string, Set<number>>();
  for (let i = 0; i < lines; i++) {
    const t = truth[i]!;
    const id = miner.resolve(ids[i]!);
    (byTruth.get(t) ?? byTruth.set(t, new Set()).get(t)!).add(id);
    (byId.get(id) ?? byId.set(id, new Set()).get(id)!).add(t);
  }
  let right = 0;
  const count = new Map<number, number>();
  for (let i = 0; i < lines; i++) count.set(truth[i]!, (count.get(truth[i]!) ?? 0) + 1);
  for (const [t, set] of byTruth) if (set.size === 1 && byId.get([...set][0]!)!.size === 1) right += count.get(t)!;

  console.log(`plain pass (read + split on whitespace): ${rate(lines, plainMs)} lines/s wall, ${rate(lines, plainCpu)} lines/s CPU (${tokens} tokens)`);
  console.log(`miner:                                   ${rate(lines, mineMs)} lines/s wall, ${rate(lines, mineCpu)} lines/s CPU`);
  console.log(`ratio miner / plain:                     ${((100 * plainMs) / mineMs).toFixed(1)}% wall, ${((100 * plainCpu) / mineCpu).toFixed(1)}% CPU`);
  console.log(`machine load average (1 min) / cores:    ${loadavg()[0]?.toFixed(1)} / ${cpus().length}`);
  console.log(`peak RSS (whole process):                ${mb(peak)} MB`);
  console.log(`templates found / true:                  ${st.templates} / ${trueTemplates} = ${(st.templates / trueTemplates).toFixed(2)}x`);
  console.log(`grouping accuracy vs truth:              ${(right / lines).toFixed(4)}`);
  console.log(`counters: skipped ${st.skipped}, truncated ${st.truncated}, evicted ${st.evicted}, overflow ${st.overflow}, merged ${st.merged}`);
  console.log(`targets: >= 1000000 lines/s, >= 45%, <= 200 MB, <= 1.2x`);

  if (!args.includes('--no-cli')) {
    // The whole `mine` command in a fresh process: start-up, two passes, CSV out. Twice: from the
    // TypeScript sources under tsx (what `npm run log-gardener` does), and the built CLI
    // (`node dist/cli/main.js`, how users run it) when `npm run build` has produced it and it is
    // not older than the mine command's source (otherwise it says so instead of timing stale code).
    const out = join(dir, 'out.csv');
    const script = `import('${join(root, 'src/cli/commands/mine.ts')}').then((m) => m.runMine(['--input', '${file}', '--output', '${out}'], { stdout: process.stdout, stderr: process.stderr })).then((c) => { process.exitCode = c; })`;
    const whole = (label: string, argv: string[]): void => {
      const c0 = childCpu();
      const s = performance.now();
      const r = spawnSync(process.execPath, argv, { cwd: root, encoding: 'utf8' });
      const ms = performance.now() - s;
      const cpu = childCpu() - c0;
      if (r.status !== 0) {
        console.log(`mine command (${label}) failed: ${r.stderr}`);
        return;
      }
      console.log(`mine command, whole process (${label}, ${lines} lines, CSV written): ${(ms / 1000).toFixed(2)} s = ${rate(lines, ms)} lines/s wall, ${rate(lines, cpu)} lines/s CPU`);
      console.log(`  its own summary: ${r.stderr.trim()}`);
    };
    whole('node --import tsx, from src', ['--import', 'tsx', '-e', script]);
    const built = join(root, 'dist/cli/main.js');
    const builtMine = join(root, 'dist/cli/commands/mine.js');
    if (!existsSync(built) || !existsSync(builtMine)) console.log('mine command, built CLI: dist/ missing (run `npm run build` first)');
    else if (statSync(builtMine).mtimeMs < statSync(join(root, 'src/cli/commands/mine.ts')).mtimeMs) console.log('mine command, built CLI: dist/ is older than src (run `npm run build` first)');
    else whole('node dist/cli/main.js, compiled', [built, 'mine', '--input', file, '--output', out]);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

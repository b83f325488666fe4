import type { RunResult } from '../app/run.js';
import type { CliIo } from './io.js';

// What `run` prints on stdout when it finishes: where the worklog went, the incidents at a glance,
// and the GitHub plan (or what was applied).

export function printRunSummary(result: RunResult, io: CliIo, quiet: boolean): void {
  const r = result.report;
  const out: string[] = [];
  if (!quiet) {
    out.push(`${r.service}  ${r.window.from} → ${r.window.to}  (${r.summary.entriesRead} entries read, ${r.summary.recordsAnalysed} analysed)`);
    const p = r.summary.incidentsByPriority;
    const problems = r.incidents.filter((i) => i.routine !== true);
    out.push(
      `incidents: ${problems.length}  (P0 ${p.P0}, P1 ${p.P1}, P2 ${p.P2}, P3 ${p.P3}; new ${r.summary.newIncidents}, regressions ${r.summary.regressions})` +
        (r.summary.routinePatterns > 0 ? `  + ${r.summary.routinePatterns} routine patterns` : ''),
    );
    for (const inc of problems.slice(0, 10)) {
      out.push(`  ${inc.score.priority}  ${String(inc.count).padStart(6)}  ${inc.classification.padEnd(10)}  ${inc.title}`);
    }
    if (problems.length > 10) out.push(`  … ${problems.length - 10} more in the worklog`);
    if (!r.coverage.complete) out.push('coverage: PARTIAL — see the worklog\'s coverage section for how far the window was read');
  }
  if (result.github) out.push('', result.github.table);
  out.push(...result.files.map((f) => `wrote ${f}`));
  io.stdout.write(`${out.join('\n')}\n`);
}

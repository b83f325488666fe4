// Render time of the three worklog renderings for a real run (the 2,002-entry Cloud Run export in
// ../shared). Prints figures; asserts nothing. Run from the repo root:
//   npx tsx src/report/testdata/bench-render.ts
// (kept under testdata so it is neither built nor linted as library code).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { executeRun } from '../../app/run.js';
import { buildConfig } from '../../config/load.js';
import { fixedClock } from '../../core/clock.js';
import { renderHtml, renderJson, renderMarkdown } from '../index.js';

async function main(): Promise<void> {
  const input = resolve('../shared/data/cloud-logging/cloud-run-auth-failures-2025-09-07.json');
  const out = mkdtempSync(join(tmpdir(), 'lg-bench-render-'));
  try {
    const { report } = await executeRun({ inputs: [input], window: {}, outDir: out, apply: false }, buildConfig({ state: ':memory:' }), {
      clock: fixedClock('2025-09-08T00:00:00Z'),
      env: {},
    });
    for (const [name, render] of [['markdown', renderMarkdown], ['json', renderJson], ['html', renderHtml]] as const) {
      render(report); // warm-up
      const runs = 10;
      const t = performance.now();
      let chars = 0;
      for (let i = 0; i < runs; i++) chars = render(report).length;
      const ms = (performance.now() - t) / runs;
      console.log(`${name}: ${report.incidents.length} incidents -> ${chars} chars in ${ms.toFixed(1)} ms per render`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

void main();

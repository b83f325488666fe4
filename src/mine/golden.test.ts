// Golden tests: each testdata/*.log is mined with the default configuration and its templates
// (with line counts) must equal testdata/<name>.templates.txt. Regenerate deliberately with
//   UPDATE_GOLDEN=1 node scripts/test.mjs src/mine
// and review the diff: a changed golden file is a changed behaviour.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createMiner } from './index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

function mineFile(path: string): string {
  const miner = createMiner();
  const ids = readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0).map((l) => miner.add(l));
  const counts = new Map<string, number>();
  for (const id of ids) {
    const t = miner.template(id)?.template ?? '?';
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([t, n]) => `${n}\t${t}`).join('\n') + '\n';
}

for (const name of readdirSync(dir).filter((f) => f.endsWith('.log')).sort()) {
  test(`golden templates: ${name}`, () => {
    const got = mineFile(join(dir, name));
    const goldenPath = join(dir, name.replace(/\.log$/, '.templates.txt'));
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(goldenPath, got);
    assert.equal(got, readFileSync(goldenPath, 'utf8'));
  });
}

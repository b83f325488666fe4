// The built CLI runs `mine` from one bundled file (scripts/bundle-mine.mjs, part of npm run build):
// the project is compiled and bundled into a temporary directory, and the bundle, run through the
// built CLI, must write byte for byte what the command's modules write, also when it loads the
// modules it leaves out (--threads). Fixtures are generated here.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { makeTemplates, renderLine } from '../../scripts/gen-mine-corpus.js';
import { runMine } from '../../src/cli/commands/mine.js';
import { seededRandom } from '../../src/core/random.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function sink(): { stream: NodeJS.WritableStream; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = { write: (c: string | Buffer) => (chunks.push(Buffer.from(c)), true) } as unknown as NodeJS.WritableStream;
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

test('the bundled mine command writes what its modules write', { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lg-bundle-'));
  try {
    const dist = join(dir, 'dist');
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json'), '--outDir', dist], { stdio: 'pipe' });
    execFileSync(process.execPath, [join(root, 'scripts/bundle-mine.mjs'), dist], { stdio: 'pipe' });
    const bundle = join(dist, 'cli/commands/mine.bundle.js');
    assert.ok(existsSync(bundle), 'npm run build writes the bundle');
    const bundled = readFileSync(bundle, 'utf8');
    assert.ok(!bundled.includes('class LineScanner'), 'the worker threads\' modules stay out of it');

    const specs = makeTemplates(120, 21);
    const r = seededRandom(22);
    const odd = ['  padded 12 line  ', 'café 12 ouvert', 'say "hi", 3 times', 'flag is true for user 9', ''];
    const lines = Array.from({ length: 80_000 }, () => (r() < 0.05 ? odd[Math.floor(r() * odd.length)]! : renderLine(specs[Math.floor(r() * specs.length)]!, r)));
    const input = join(dir, 'in.log');
    writeFileSync(input, lines.join('\n') + '\n');

    const want = join(dir, 'want.csv');
    assert.equal(await runMine(['--input', input, '--output', want], { stdout: sink().stream, stderr: sink().stream }), 0);
    for (const extra of [[], ['--threads', '1']]) {
      const got = join(dir, `got${extra.length}.csv`);
      const run = spawnSync(process.execPath, [join(dist, 'cli/main.js'), 'mine', '--input', input, '--output', got, ...extra], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, extra.length > 0 ? /^mine: 80000 lines, .*1 worker threads;/ : /^mine: 80000 lines, /);
      assert.ok(readFileSync(got).equals(readFileSync(want)), `built CLI ${extra.join(' ')}: same CSV as the modules`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The built CLI runs `mine` from one bundled CommonJS file (scripts/bundle-mine.mjs, part of npm run build):
// the project is compiled and bundled into a temporary directory, and the bundle, run through the
// built CLI, must write byte for byte what the command's modules write, also when it loads the
// modules it leaves out (--threads). The launcher (bin/log-gardener, reached through a link as npm
// installs it) runs `mine` from the CommonJS bundle (mine.bundle.cjs) without NODE_EXTRA_CA_CERTS,
// and every other command through main.js with it. Fixtures are generated here.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

test('the bundled mine command writes what its modules write; the launcher runs it without extra CA certificates', { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lg-bundle-'));
  try {
    const dist = join(dir, 'dist');
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json'), '--outDir', dist], { stdio: 'pipe' });
    execFileSync(process.execPath, [join(root, 'scripts/bundle-mine.mjs'), dist], { stdio: 'pipe' });
    const cjs = join(dist, 'cli/commands/mine.bundle.cjs');
    assert.ok(existsSync(cjs), 'npm run build writes the bundle');
    const bundled = readFileSync(cjs, 'utf8');
    assert.ok(!bundled.includes('class LineScanner'), 'the worker threads\' modules stay out of it');
    // A line at the top of the bundle says when it is what runs (from main.js or the launcher).
    writeFileSync(cjs, `process.stderr.write('(CommonJS)\\n');\n` + bundled);

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
      assert.match(run.stderr, extra.length > 0 ? /^\(CommonJS\)\nmine: 80000 lines, .*1 worker threads;/ : /^\(CommonJS\)\nmine: 80000 lines, /);
      assert.ok(readFileSync(got).equals(readFileSync(want)), `built CLI ${extra.join(' ')}: same CSV as the modules`);
    }

    // The launcher, linked as npm links it: Node warns at start-up about a certificates file it
    // cannot read, so the warning says whether the variable reached Node.
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(root, 'bin/log-gardener'), join(dir, 'bin/log-gardener'));
    mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
    symlinkSync('../../bin/log-gardener', join(dir, 'node_modules/.bin/log-gardener'));
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'no-such-bundle.pem') };
    const launcher = join(dir, 'node_modules/.bin/log-gardener');
    const launch = (args: string[]): ReturnType<typeof spawnSync> => spawnSync(launcher, args, { encoding: 'utf8', env });
    const mined = launch(['mine', '--input', input, '--output', join(dir, 'launched.csv')]);
    assert.equal(mined.status, 0, String(mined.stderr));
    assert.match(String(mined.stderr), /^\(CommonJS\)\nmine: 80000 lines, /, 'mine: from the CommonJS bundle, no certificate warning');
    assert.ok(readFileSync(join(dir, 'launched.csv')).equals(readFileSync(want)), 'the launcher runs the built CLI');
    // What the CommonJS bundle loads only when asked (worker threads, a snapshot) is found beside it.
    const threaded = launch(['mine', '--input', input, '--output', join(dir, 'threaded.csv'), '--threads', '1']);
    assert.equal(threaded.status, 0, String(threaded.stderr));
    assert.ok(readFileSync(join(dir, 'threaded.csv')).equals(readFileSync(want)), 'the launcher with --threads');
    const state = join(dir, 'state.json');
    for (const k of [1, 2]) {
      const run = launch(['mine', '--input', input, '--output', join(dir, `state${k}.csv`), '--state', state]);
      assert.equal(run.status, 0, String(run.stderr));
    }
    assert.ok(readFileSync(join(dir, 'state2.csv')).equals(readFileSync(join(dir, 'state1.csv'))), 'the launcher with --state: the same ids again');
    const bad = launch(['mine', '--input', join(dir, 'missing.log')]);
    assert.equal(bad.status, 2);
    assert.match(String(bad.stderr), /cannot read input .*missing\.log/);
    // Without the bundle (an older build), the launcher runs main.js, which loads the modules.
    rmSync(cjs);
    const fallback = launch(['mine', '--input', input, '--output', join(dir, 'fallback.csv')]);
    assert.equal(fallback.status, 0, String(fallback.stderr));
    assert.match(String(fallback.stderr), /^mine: 80000 lines, /);
    assert.ok(readFileSync(join(dir, 'fallback.csv')).equals(readFileSync(want)));
    const version = launch(['--version']);
    assert.equal(version.status, 0);
    assert.match(String(version.stderr), /Ignoring extra certs from/, 'other commands keep NODE_EXTRA_CA_CERTS');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Bundles the `mine` command's modules (compiled by tsc into dist/) into one file beside them,
// dist/cli/commands/mine.bundle.js, which the built CLI loads for `log-gardener mine`. Loading
// its 35 modules one by one took 60-75 ms of a run's start-up here; the one file takes 25-30 ms
// (docs/mining.md). The modules it loads only when asked stay apart, at the paths they import:
// the worker threads (--threads) and snapshot restore (--state, with zod). Part of `npm run build`;
// `node scripts/bundle-mine.mjs DIR` bundles a build in DIR instead of dist/.
import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Imported by the command only when needed: left out, loaded from the build at run time. */
export const LAZY = ['../mine/threads.js', '../../mine/restore.js'];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url));
  await build({
    entryPoints: [join(dist, 'cli/commands/mine.js')],
    outfile: join(dist, 'cli/commands/mine.bundle.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: LAZY,
    logLevel: 'warning',
  });
}

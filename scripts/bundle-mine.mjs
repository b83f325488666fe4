// Bundles the `mine` command's modules (compiled by tsc into dist/) into one CommonJS file beside
// them, dist/cli/commands/mine.bundle.cjs (from src/cli/mine-entry.ts). The launcher
// bin/log-gardener runs it for `log-gardener mine`, and main.js requires it. Loading the command's
// 35 modules one by one took 60-75 ms of a run's start-up here, the one file 25-30 ms, and as
// CommonJS, started directly, Node also skips setting up its ES module loader (docs/mining.md).
// The modules it loads only when asked stay apart, at the paths they import: the worker threads
// (--threads) and snapshot restore (--state, with zod). Part of `npm run build`;
// `node scripts/bundle-mine.mjs DIR` bundles a build in DIR instead of dist/.
import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Imported by the command only when needed: left out, loaded from the build at run time. */
export const LAZY = ['../mine/threads.js', '../../mine/restore.js'];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url));
  await build({
    entryPoints: [join(dist, 'cli/mine-entry.js')],
    // Beside the command's module, so that the modules left out resolve as they do from it.
    outfile: join(dist, 'cli/commands/mine.bundle.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: LAZY,
    // import.meta.url is the file's own URL, as an ES module's would be.
    define: { 'import.meta.url': 'import_meta_url' },
    banner: { js: "const import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'warning',
  });
}

// Bundles the `mine` command's modules (compiled by tsc into dist/) into one file beside them,
// dist/cli/commands/mine.bundle.js, which the built CLI loads for `log-gardener mine` (and the same
// as CommonJS, mine.bundle.cjs, which the launcher bin/log-gardener runs for it). Loading
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
  const common = { bundle: true, platform: 'node', target: 'node20', external: LAZY, logLevel: 'warning' };
  await build({ ...common, entryPoints: [join(dist, 'cli/commands/mine.js')], outfile: join(dist, 'cli/commands/mine.bundle.js'), format: 'esm' });
  // The launcher's `mine` (src/cli/mine-entry.ts): CommonJS, so that Node starts it without its ES
  // module loader. Beside the ESM bundle, so that the modules left out resolve the same; its
  // import.meta.url is the file's own URL, as an ES module's would be.
  await build({
    ...common,
    entryPoints: [join(dist, 'cli/mine-entry.js')],
    outfile: join(dist, 'cli/commands/mine.bundle.cjs'),
    format: 'cjs',
    define: { 'import.meta.url': 'import_meta_url' },
    banner: { js: "const import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  });
}

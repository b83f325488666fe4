// `log-gardener mine` as one CommonJS file (scripts/bundle-mine.mjs bundles this module and the
// command's modules into dist/cli/commands/mine.bundle.cjs). The launcher (bin/log-gardener) runs
// it directly: Node then starts without setting up its ES module loader, about 20 ms of every run
// here (docs/mining.md). main.ts requires the same file for `mine` and calls runMine itself.
import { runMine } from './commands/mine.js';
import { processIo } from './io.js';
import { reportError } from './report-error.js';

export { runMine };

// Run only as the program itself: the bundle, started by Node (in an ES module, or when main.ts
// requires the bundle, this is false).
if (typeof require !== 'undefined' && require.main === module) {
  const io = processIo();
  // Arguments as main.ts gets them, the command's name first (the launcher passes it on), or the
  // command's alone.
  const args = process.argv.slice(2);
  runMine(args[0] === 'mine' ? args.slice(1) : args, io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.exitCode = reportError(io, err);
    },
  );
}

// `log-gardener mine` on its own, for the launcher (bin/log-gardener): the same as main.ts's `mine`,
// built into one CommonJS file (scripts/bundle-mine.mjs), which Node starts without setting up its
// ES module loader: about 20 ms of every run here (docs/mining.md). Arguments as main.ts gets
// them, the command's name first (the launcher passes it on), or the command's alone.
import { runMine } from './commands/mine.js';
import { processIo } from './io.js';
import { reportError } from './report-error.js';

const io = processIo();
const args = process.argv.slice(2);
runMine(args[0] === 'mine' ? args.slice(1) : args, io).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = reportError(io, err);
  },
);

// `log-gardener mine` on its own, for the launcher (bin/log-gardener): the same as main.ts's `mine`,
// built into one CommonJS file (scripts/bundle-mine.mjs), which Node starts without setting up its
// ES module loader: about 20 ms of every run here (docs/mining.md). Arguments as main.ts gets
// them, the command's name first.
import { runMine } from './commands/mine.js';
import { processIo } from './io.js';
import { reportError } from './report-error.js';

const io = processIo();
runMine(process.argv.slice(3), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = reportError(io, err);
  },
);

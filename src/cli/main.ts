#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as MineCommand from './commands/mine.js';
import { EXIT } from './exit-codes.js';
import { MAIN_HELP, RUN_HELP } from './help.js';
import { processIo, type CliIo } from './io.js';
import { reportError } from './report-error.js';
import { VERSION } from '../version.js';

// Entry point: dispatches sub-commands and turns every outcome into a documented exit code.
//
// Each command's module is imported only once that command is chosen, so a command loads only what
// it needs: `run` pulls in ingest, Cloud Logging, GitHub (undici, octokit) and the SQLite store, about
// half a second of module loading, which `mine`, `help` and `--version` must not pay (issue 3 asks
// for a million lines a second with Node's start-up included). Keep the static imports above to
// small modules with no dependencies outside src/core and src/cli.

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run': {
        if (rest.includes('-h') || rest.includes('--help')) return print(io, RUN_HELP);
        const { runCommand } = await import('./commands/run.js');
        return await runCommand(rest, io);
      }
      case 'mine': {
        const { runMine } = await loadMine();
        return await runMine(rest, io);
      }
      case '--version':
      case 'version':
        return print(io, `${VERSION}\n`);
      case undefined:
      case 'help':
      case '-h':
      case '--help':
        return print(io, rest[0] === 'run' ? RUN_HELP : MAIN_HELP);
      default:
        io.stderr.write(`error: unknown command '${command}'\n\n${MAIN_HELP}`);
        return EXIT.usage;
    }
  } catch (err) {
    return reportError(io, err);
  }
}

/**
 * The mine command's modules: built (npm run build), one bundled CommonJS file
 * (scripts/bundle-mine.mjs, the one the launcher runs), which loads in half the time of its 35
 * modules; from source (tsx), the modules.
 */
async function loadMine(): Promise<Pick<typeof MineCommand, 'runMine'>> {
  const bundle = fileURLToPath(new URL('./commands/mine.bundle.cjs', import.meta.url));
  if (existsSync(bundle)) return createRequire(import.meta.url)(bundle) as Pick<typeof MineCommand, 'runMine'>;
  return import('./commands/mine.js');
}

function print(io: CliIo, text: string): number {
  io.stdout.write(text);
  return EXIT.ok;
}

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${String(err)}\n`);
    process.exitCode = EXIT.internal;
  },
);

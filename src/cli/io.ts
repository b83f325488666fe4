// The console: the only place that writes to the terminal. Progress lines go to stderr and only
// when stderr is a terminal and --quiet is off, so pipes and CI logs stay clean.

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  isTTY: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    isTTY: Boolean(process.stderr.isTTY),
  };
}

export interface Console {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
  /** A transient progress line; overwritten in place on a terminal, dropped otherwise. */
  progress(line: string): void;
  /** Clears a pending progress line before other output. */
  done(): void;
}

export function makeConsole(io: CliIo, quiet: boolean): Console {
  let pending = false;
  const clear = () => {
    if (pending) {
      io.stderr.write('\r\x1b[2K');
      pending = false;
    }
  };
  return {
    info: (line) => {
      clear();
      if (!quiet) io.stderr.write(`${line}\n`);
    },
    warn: (line) => {
      clear();
      io.stderr.write(`warning: ${line}\n`);
    },
    error: (line) => {
      clear();
      io.stderr.write(`error: ${line}\n`);
    },
    progress: (line) => {
      if (quiet || !io.isTTY) return;
      io.stderr.write(`\r\x1b[2K${line}`);
      pending = true;
    },
    done: clear,
  };
}

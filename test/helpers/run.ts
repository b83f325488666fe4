import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { executeRun, type RunResult } from '../../src/app/run.js';
import type { RunRequest } from '../../src/app/request.js';
import { buildConfig } from '../../src/config/load.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Store } from '../../src/store/store.js';

// Helpers for tests that drive a whole run, in-process or through the real CLI.

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const sharedData = join(repoRoot, '..', 'shared', 'data');

export function tempDir(prefix = 'lg-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function runOn(
  inputs: string[],
  opts: { out: string; store: Store; request?: Partial<RunRequest>; config?: Record<string, unknown>; now?: string },
): Promise<RunResult> {
  const request: RunRequest = { inputs, window: {}, outDir: opts.out, apply: false, ...opts.request };
  return executeRun(request, buildConfig(opts.config ?? {}), {
    clock: fixedClock(opts.now ?? '2026-01-01T00:00:00Z'),
    env: {},
    store: opts.store,
  });
}

/** Runs the CLI as a user would (through tsx, from the repo root). */
export function cli(args: string[], opts: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'src/cli/main.ts'), ...args], {
    cwd: opts.cwd ?? repoRoot,
    encoding: 'utf8',
    input: opts.input ?? '',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

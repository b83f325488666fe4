import { spawn } from 'node:child_process';
import { emptyCoverage, type SourceCoverage } from '../../core/source.js';
import { GardenerError } from '../../core/errors.js';
import { JsonArraySplitter } from '../json-array-splitter.js';

// `--source gcloud`: the same query through the installed gcloud CLI, for users who only have
// gcloud credentials. gcloud does its own paging and retries; we stream its JSON array output.
// Same failure policy as the REST reader: nothing read → throw; something read → keep it and
// report complete=false with gcloud's stderr.

export interface GcloudReadOptions {
  filter: string;
  project: string;
  /** The window, for coverage only (the filter already holds it). */
  from?: string;
  to?: string;
  /** Default "gcloud" (looked up on PATH). */
  gcloudPath?: string;
  /** The child's environment; when absent it inherits the parent's (the CLI decides). */
  env?: Record<string, string | undefined>;
  input?: string;
}

export interface GcloudRead {
  entries(): AsyncIterable<unknown>;
  coverage(): SourceCoverage;
  /** The exact argv run, for the worklog and error messages. */
  argv: string[];
}

const MAX_STDERR = 16_384;

export function gcloudArgs(o: { filter: string; project: string }): string[] {
  // --order=asc also stops gcloud adding its default --freshness restriction (it only does for desc).
  return ['logging', 'read', o.filter, `--project=${o.project}`, '--format=json', '--order=asc'];
}

export function readViaGcloud(opts: GcloudReadOptions): GcloudRead {
  const bin = opts.gcloudPath ?? 'gcloud';
  const args = gcloudArgs(opts);
  const cov: SourceCoverage = emptyCoverage(opts.input ?? `gcloud:${opts.project}`, 'gcloud-cli', opts.filter);

  async function* entries(): AsyncIterable<unknown> {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(opts.env ? { env: opts.env as NodeJS.ProcessEnv } : {}) });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr = (stderr + d).slice(-MAX_STDERR);
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; spawnError?: Error }>((resolve) => {
      child.on('error', (err) => resolve({ code: null, signal: null, spawnError: err }));
      child.on('close', (code, signal) => resolve({ code, signal }));
    });
    const splitter = new JsonArraySplitter();
    let lastTimestamp: string | undefined;
    let parseError: Error | undefined;
    child.stdout.setEncoding('utf8');
    try {
      for await (const chunk of child.stdout as AsyncIterable<string>) {
        const elements = splitter.push(chunk);
        const bad = elements.find((e) => e.text === undefined);
        if (bad !== undefined) {
          parseError = new Error(`element ${bad.index} (line ${bad.line}): ${bad.problem ?? 'unusable'}`);
          child.kill();
          break;
        }
        for (const el of elements) {
          const entry = JSON.parse(el.text!) as unknown;
          cov.entries++;
          cov.records++;
          const ts = (entry as { timestamp?: unknown } | null)?.timestamp;
          if (typeof ts === 'string') lastTimestamp = ts;
          yield entry;
        }
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    }
    const result = await exited;
    let failure: GardenerError | undefined;
    if (result.spawnError !== undefined) {
      const notFound = (result.spawnError as NodeJS.ErrnoException).code === 'ENOENT';
      failure = new GardenerError('input', notFound ? `gcloud not found (${bin})` : `cannot run ${bin}: ${result.spawnError.message}`, {
        hint: notFound ? 'install the Google Cloud CLI (https://cloud.google.com/sdk/docs/install) or read through the API instead of --source gcloud' : undefined,
        cause: result.spawnError,
      });
    } else if (result.code !== 0) {
      const why = stderr.trim() || `exit code ${String(result.code ?? result.signal)}`;
      failure = new GardenerError(/auth|credential|login/i.test(why) ? 'auth' : 'remote', `gcloud logging read failed: ${why}`, {
        hint: /auth|credential|login/i.test(why) ? 'run `gcloud auth login` (or set CLOUDSDK_AUTH_ACCESS_TOKEN_FILE)' : undefined,
      });
    } else if (parseError !== undefined) {
      failure = new GardenerError('remote', `gcloud printed output that is not a JSON array: ${parseError.message}`);
    } else {
      const tail = splitter.end();
      if (tail.length > 0) failure = new GardenerError('remote', `gcloud output ended early: ${tail.map((e) => e.problem ?? 'unusable element').join('; ')}`);
    }
    if (failure === undefined) {
      cov.complete = true;
      return;
    }
    cov.error = failure.hint ? `${failure.message} (${failure.hint})` : failure.message;
    if (cov.entries === 0) throw failure;
    if (lastTimestamp !== undefined) cov.readUpTo = lastTimestamp;
    cov.note = `gcloud stopped after ${cov.entries} entries`;
  }

  return { entries, coverage: () => ({ ...cov, problems: [...cov.problems] }), argv: [bin, ...args] };
}

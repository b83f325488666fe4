import type { Clock } from '../../core/clock.js';
import { systemClock } from '../../core/clock.js';
import type { GithubConfig } from './config.js';
import { GithubError, isGithubError } from './errors.js';
import { parseIssueMarker } from './marker.js';
import type { GithubSnapshot } from './plan-types.js';
import type { GithubPort, RepoRef } from './port.js';

// Reads what the planner needs from GitHub, through the list endpoints only (the search API lags
// by minutes and would let a second run file a duplicate): our login, every issue we authored
// (state=all, every page), the comments of the issues this run's incidents map to, and labels.

export interface SnapshotOptions {
  config: GithubConfig;
  /** Keys of this run's incidents: only their issues' comments are read. */
  incidentKeys: readonly string[];
  /** Issue number per key from the store. */
  issueByKey: Record<string, number>;
  clock?: Clock;
}

/** Our own login: /user, or configuration when the token cannot read /user (GitHub Actions). */
export async function resolveBotLogin(port: GithubPort, config: GithubConfig): Promise<{ login: string; source: 'token' | 'config' }> {
  try {
    return { login: (await port.getAuthenticatedUser()).login, source: 'token' };
  } catch (err) {
    if (config.botLogin && isGithubError(err) && (err.failure === 'auth' || err.failure === 'not-found')) return { login: config.botLogin, source: 'config' };
    if (isGithubError(err) && (err.failure === 'auth' || err.failure === 'not-found')) {
      throw new GithubError('auth', 'get authenticated user', `the token cannot read /user (${err.message}) and no github.botLogin is configured`, {
        status: err.status,
        cause: err,
        hint: 'Set github.botLogin to the login the token writes as (for a GitHub Actions token: github-actions[bot]).',
      });
    }
    throw err;
  }
}

export async function readGithubSnapshot(port: GithubPort, repo: RepoRef, opts: SnapshotOptions): Promise<GithubSnapshot> {
  const clock = opts.clock ?? systemClock;
  const readAt = clock.now().toISOString();
  const bot = await resolveBotLogin(port, opts.config);
  const issues = (await port.listIssues(repo, { state: 'all', creator: bot.login })).filter((i) => i.author.toLowerCase() === bot.login.toLowerCase());
  const labels = (await port.listLabels(repo)).map((l) => l.name);
  const wanted = new Set(opts.incidentKeys);
  const numbers = new Set<number>();
  for (const i of issues) {
    const m = parseIssueMarker(i.body);
    if (m && wanted.has(m.key)) numbers.add(i.number);
  }
  for (const key of wanted) {
    const n = opts.issueByKey[key];
    if (n !== undefined && issues.some((i) => i.number === n)) numbers.add(n);
  }
  const comments: GithubSnapshot['comments'] = {};
  const readFailures: GithubSnapshot['readFailures'] = [];
  for (const n of [...numbers].sort((a, b) => a - b)) {
    try {
      comments[n] = await port.listComments(repo, n);
    } catch (err) {
      readFailures.push({ issueNumber: n, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { repo, botLogin: bot.login, botLoginSource: bot.source, readAt, issues, comments, labels, readFailures };
}

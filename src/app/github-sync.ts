import type { GardenerConfig } from '../config/schema.js';
import { GardenerError, usageError } from '../core/errors.js';
import type { Incident } from '../core/incident.js';
import {
  createOctokitPort,
  githubConfigSchema,
  MemoryGithubState,
  parseRepo,
  renderPlanTable,
  SqliteGithubState,
  syncGithub as syncWithGithub,
  type GithubState,
} from '../sinks/github/index.js';
import { MemoryStore } from '../store/memory/memory-store.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import type { RunRequest } from './request.js';
import type { RunDeps } from './run.js';

// The GitHub step of a run: read the repository's issues, plan (pure), and write only with
// --apply. The plan is always returned so the CLI can print it and the run can save it.

export interface GithubOutcome {
  /** Printed by the CLI. */
  table: string;
  /** Saved next to the worklog as <stamp>.plan.json. */
  planJson: string;
  /** Put in the report (counts only, so the worklog stays byte-stable for equal plans). */
  summary: { repo: string; applied: boolean; actions: Record<string, number>; done: number; deferred: number; failed: number };
  failed: number;
}

/** Incidents worth an issue: everything except routine activity. */
function actionable(incidents: Incident[]): Incident[] {
  return incidents.filter((i) => i.routine !== true);
}

export async function syncGithub(
  incidents: Incident[],
  req: RunRequest,
  config: GardenerConfig,
  deps: RunDeps,
  store: Store,
  runId: string,
): Promise<GithubOutcome> {
  const gh = githubConfigSchema.safeParse(withoutRepo(config.github));
  if (!gh.success) throw new GardenerError('config', `invalid github configuration: ${gh.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const repoText = req.repo ?? (config.github['repo'] as string | undefined);
  const repo = repoText === undefined ? undefined : parseRepo(repoText);
  if (repo === undefined) throw usageError(`--repo must be OWNER/NAME, not '${repoText ?? ''}'`);
  const token = deps.env['GITHUB_TOKEN'] ?? deps.env['GH_TOKEN'];
  if (token === undefined || token === '') {
    throw new GardenerError('auth', 'GITHUB_TOKEN is not set', { hint: 'export GITHUB_TOKEN=… (a token that can read and write issues of the repository)' });
  }
  const port = createOctokitPort({ token, ...(deps.env['GITHUB_API_URL'] ? { baseUrl: deps.env['GITHUB_API_URL'] } : {}), clock: deps.clock, ...(deps.githubThrottle === false ? { throttle: false } : {}) });
  const result = await syncWithGithub({
    repo,
    incidents: actionable(incidents),
    config: gh.data,
    port,
    state: githubStateFor(store, req.apply),
    apply: req.apply,
    runId,
    clock: deps.clock,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });
  const actions: Record<string, number> = {};
  for (const a of result.plan.actions) actions[a.kind] = (actions[a.kind] ?? 0) + 1;
  const counts = result.applied?.counts ?? { done: 0, skipped: 0, deferred: 0, failed: 0 };
  return {
    table: renderPlanTable(result.plan),
    planJson: `${JSON.stringify(result.applied ? { plan: result.plan, applied: result.applied } : { plan: result.plan }, null, 2)}\n`,
    summary: { repo: `${repo.owner}/${repo.repo}`, applied: req.apply, actions, done: counts.done, deferred: counts.deferred, failed: counts.failed },
    failed: counts.failed,
  };
}

function withoutRepo(github: Record<string, unknown>): Record<string, unknown> {
  const { repo: _repo, ...rest } = github;
  return rest;
}

/**
 * Issue numbers, the write journal and the repository lock live in the SQLite state file, next
 * to the incidents. The in-memory store keeps them in memory; PostgreSQL does not hold them yet,
 * so --apply refuses it rather than risk duplicates after a crash.
 */
function githubStateFor(store: Store, apply: boolean): GithubState {
  if (store instanceof SqliteStore) return new SqliteGithubState(store.db);
  if (store instanceof MemoryStore || !apply) return new MemoryGithubState();
  throw new GardenerError('config', 'GitHub sync state (issue numbers, journal, lock) is kept in the SQLite store only', {
    hint: 'use --state PATH (SQLite) for runs with --apply',
  });
}

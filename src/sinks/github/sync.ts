import type { Clock } from '../../core/clock.js';
import { systemClock } from '../../core/clock.js';
import type { Incident } from '../../core/incident.js';
import type { ApplyResult } from './apply.js';
import { applyGithubPlan } from './apply.js';
import type { Sleep } from './budget.js';
import type { GithubConfig } from './config.js';
import { planGithubSync } from './plan.js';
import type { GithubPlan } from './plan-types.js';
import type { GithubPort, RepoRef } from './port.js';
import { repoName } from './port.js';
import { readGithubSnapshot } from './snapshot.js';
import type { GithubState } from './state.js';

// The whole GitHub step in one call, for the app: read (list endpoints), plan (pure), and, only
// with apply = true, write. Without apply it returns the plan and writes nothing anywhere.

export interface SyncOptions {
  repo: RepoRef;
  incidents: Incident[];
  config: GithubConfig;
  port: GithubPort;
  state: GithubState;
  apply: boolean;
  runId: string;
  clock?: Clock;
  sleep?: Sleep;
  onResult?: Parameters<typeof applyGithubPlan>[3]['onResult'];
}

export interface SyncResult {
  plan: GithubPlan;
  applied?: ApplyResult;
}

export async function syncGithub(o: SyncOptions): Promise<SyncResult> {
  const clock = o.clock ?? systemClock;
  const rname = repoName(o.repo);
  const issueByKey = await o.state.issueNumbers(rname);
  const snapshot = await readGithubSnapshot(o.port, o.repo, { config: o.config, incidentKeys: o.incidents.map((i) => i.key), issueByKey, clock });
  const now = clock.now();
  const writesLastHour = await o.state.writesSince(rname, new Date(now.getTime() - 3_600_000).toISOString());
  const plan = planGithubSync({ incidents: o.incidents, snapshot, state: { issueByKey, writesLastHour }, config: o.config, now });
  if (!o.apply) return { plan };
  const applied = await applyGithubPlan(plan, o.port, o.state, {
    runId: o.runId,
    clock,
    ...(o.sleep ? { sleep: o.sleep } : {}),
    ...(o.onResult ? { onResult: o.onResult } : {}),
  });
  return { plan, applied };
}

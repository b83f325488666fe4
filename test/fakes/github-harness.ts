import assert from 'node:assert/strict';
import type { Clock } from '../../src/core/clock.js';
import type { Incident } from '../../src/core/incident.js';
import type { GithubConfigInput } from '../../src/sinks/github/config.js';
import { githubConfigSchema } from '../../src/sinks/github/config.js';
import { parseEventMarker, parseIssueMarker, parseStatusMarker } from '../../src/sinks/github/marker.js';
import { createOctokitPort } from '../../src/sinks/github/octokit-port.js';
import type { GithubState } from '../../src/sinks/github/state.js';
import type { SyncResult } from '../../src/sinks/github/sync.js';
import { syncGithub } from '../../src/sinks/github/sync.js';
import { FakeGithub } from './github-server.js';

// Shared set-up for the GitHub sink's end-to-end tests: a simulated clock whose sleep only moves
// time forward (so waits for Retry-After and the write budget cost no real time), the fake server
// on that clock, and one "run" = read + plan + apply through the real Octokit adapter.

export const BOT = { login: 'gardener-bot', id: 1, type: 'Bot' as const };
export const REPO = { owner: 'acme', repo: 'shop' };
export const REPO_NAME = 'acme/shop';

export class TestClock implements Clock {
  readonly slept: number[] = [];
  constructor(private t: number) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  sleep = async (ms: number): Promise<void> => {
    this.slept.push(ms);
    this.t += ms;
  };
}

export async function startFake(clock: TestClock): Promise<FakeGithub> {
  const fake = new FakeGithub({ tokens: { 'test-token': BOT, 'mallory-token': { login: 'mallory', id: 666 } }, now: () => clock.now() });
  await fake.start();
  return fake;
}

export interface RunOptions {
  config?: GithubConfigInput;
  apply?: boolean;
  runId?: string;
}

let runs = 0;
export async function runSync(fake: FakeGithub, clock: TestClock, incidents: Incident[], state: GithubState, o: RunOptions = {}): Promise<SyncResult> {
  const port = createOctokitPort({ token: 'test-token', baseUrl: fake.baseUrl, throttle: false, retries: 0, clock });
  return syncGithub({
    repo: REPO,
    incidents,
    config: githubConfigSchema.parse(o.config ?? {}),
    port,
    state,
    apply: o.apply ?? true,
    runId: o.runId ?? `run-${++runs}`,
    clock,
    sleep: clock.sleep,
  });
}

/** Every key has exactly one issue of ours; no issue has two status comments or a repeated event. */
export function assertNoDuplicates(fake: FakeGithub, keys: readonly string[], opts: { allowRegressionIssues?: boolean } = {}): void {
  const ours = fake.issues(REPO_NAME).filter((i) => i.user.login === BOT.login);
  const byKey = new Map<string, number[]>();
  for (const i of ours) {
    const m = parseIssueMarker(i.body);
    if (m) byKey.set(m.key, [...(byKey.get(m.key) ?? []), i.number]);
  }
  for (const k of keys) {
    const n = byKey.get(k)?.length ?? 0;
    if (opts.allowRegressionIssues) assert.ok(n >= 1, `key ${k}: no issue`);
    else assert.equal(n, 1, `key ${k}: ${n} issues (${byKey.get(k)?.join(', ')})`);
  }
  for (const i of ours) {
    const comments = fake.comments(REPO_NAME, i.number).filter((c) => c.user.login === BOT.login);
    const statuses = comments.filter((c) => parseStatusMarker(c.body) !== undefined);
    assert.ok(statuses.length <= 1, `issue #${i.number} has ${statuses.length} status comments`);
    const events = comments.map((c) => parseEventMarker(c.body)?.eventId).filter((e) => e !== undefined);
    assert.equal(new Set(events).size, events.length, `issue #${i.number} has a repeated event comment`);
    assert.equal(new Set(comments.map((c) => c.body)).size, comments.length, `issue #${i.number} has two identical comments`);
  }
}

export function issueFor(fake: FakeGithub, key: string) {
  return fake.issues(REPO_NAME).filter((i) => i.user.login === BOT.login && parseIssueMarker(i.body)?.key === key);
}

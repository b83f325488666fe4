import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Incident } from '../../core/incident.js';
import { githubConfigSchema } from './config.js';
import type { GithubConfigInput } from './config.js';
import { renderIssueBody } from './body.js';
import { renderStatusComment } from './comments.js';
import { planGithubSync, reopenVerdict } from './plan.js';
import type { GithubSnapshot, PlanAction } from './plan-types.js';
import type { GhComment, GhIssue } from './port.js';
import { renderPlanTable } from './plan-table.js';
import { renderTitle } from './title.js';
import { makeIncident } from '../../../test/fakes/github-incidents.js';

// The planner is pure: these tests hand it snapshots built in memory.

const NOW = new Date('2026-03-01T11:00:00Z');
const BOT = 'gardener-bot';

function issueFor(inc: Incident, number: number, over: Partial<GhIssue> = {}, cfg = githubConfigSchema.parse({})): GhIssue {
  return {
    number,
    title: renderTitle(cfg.titleTemplate, { classification: inc.classification, priority: inc.score.priority, title: inc.title, service: inc.service, key: inc.key }),
    body: renderIssueBody(inc, cfg, { related: [] }),
    state: 'open',
    stateReason: null,
    author: BOT,
    labels: ['log-gardener', inc.score.priority, inc.classification],
    createdAt: '2026-03-01T09:00:00Z',
    updatedAt: '2026-03-01T09:00:00Z',
    closedAt: null,
    htmlUrl: `https://github.com/acme/shop/issues/${number}`,
    ...over,
  };
}
const statusOf = (inc: Incident, id = 500): GhComment => ({ id, body: renderStatusComment(inc, githubConfigSchema.parse({})), author: BOT, createdAt: '', updatedAt: '' });

function plan(incidents: Incident[], issues: GhIssue[], comments: Record<number, GhComment[]> = {}, config: GithubConfigInput = {}, writesLastHour = 0) {
  const snapshot: GithubSnapshot = {
    repo: { owner: 'acme', repo: 'shop' },
    botLogin: BOT,
    botLoginSource: 'token',
    readAt: NOW.toISOString(),
    issues,
    comments,
    labels: ['log-gardener', 'P0', 'P1', 'P2', 'P3', 'new', 'regression', 'active-dev', 'other', 'recurred'],
    readFailures: [],
  };
  return planGithubSync({ incidents, snapshot, state: { issueByKey: {}, writesLastHour }, config: githubConfigSchema.parse(config), now: NOW });
}
const kinds = (actions: PlanAction[]) => actions.map((a) => a.kind);

test('a new incident is created with title, labels, body and status; the plan is deterministic', () => {
  const inc = makeIncident('a');
  const p = plan([inc], []);
  assert.deepEqual(kinds(p.actions), ['create']);
  const c = p.actions[0] as Extract<PlanAction, { kind: 'create' }>;
  assert.equal(c.title, `GCP-new | P1 | ${inc.title}`);
  assert.deepEqual(c.labels, ['log-gardener', 'P1', 'new']);
  assert.equal(c.writes, 2);
  assert.deepEqual(plan([inc], []), p);
  assert.match(renderPlanTable(p), /P1\s+create\s+new/);
});

test('an unchanged incident is a noop; changed figures update the status comment only', () => {
  const inc = makeIncident('a');
  assert.deepEqual(kinds(plan([inc], [issueFor(inc, 1)], { 1: [statusOf(inc)] }).actions), ['noop']);
  const more = { ...inc, count: 999 };
  const p = plan([more], [issueFor(inc, 1)], { 1: [statusOf(inc)] });
  assert.deepEqual(kinds(p.actions), ['update-status']);
  assert.equal((p.actions[0] as Extract<PlanAction, { kind: 'update-status' }>).commentId, 500);
});

test('priority change relabels and retitles, unless a person renamed the issue', () => {
  const inc = makeIncident('a');
  const up = { ...inc, score: { ...inc.score, priority: 'P0' as const, total: 90 } };
  const p = plan([up], [issueFor(inc, 1, { labels: ['log-gardener', 'P1', 'new', 'team-payments'] })], { 1: [statusOf(inc)] });
  const r = p.actions.find((a) => a.kind === 'relabel') as Extract<PlanAction, { kind: 'relabel' }>;
  assert.deepEqual(r.labels, ['team-payments', 'log-gardener', 'P0', 'new']);
  assert.deepEqual([r.add, r.remove], [['P0'], ['P1']]);
  assert.equal(r.title, `GCP-new | P0 | ${inc.title}`);
  const renamed = plan([up], [issueFor(inc, 1, { title: 'Checkout crash (investigating)' })], { 1: [statusOf(inc)] });
  assert.equal((renamed.actions.find((a) => a.kind === 'relabel') as Extract<PlanAction, { kind: 'relabel' }>).title, undefined);
});

test('threshold events: new revision, spike, quiet-period recurrence, regression — each once', () => {
  const inc = makeIncident('a');
  const next = {
    ...inc,
    firstSeen: '2026-03-03T10:00:00Z',
    lastSeen: '2026-03-03T10:30:00Z',
    revisions: [...inc.revisions, { name: 'checkout-00043-def', count: 5, firstSeen: '2026-03-03T10:00:00Z' }],
    spike: { factor: 9, baselinePerMinute: 0.5, basis: 'earlier runs' },
    classification: 'regression' as const,
  };
  const p = plan([next], [issueFor(inc, 1)], { 1: [statusOf(inc)] });
  const events = p.actions.filter((a) => a.kind === 'comment').map((a) => (a as Extract<PlanAction, { kind: 'comment' }>).event);
  assert.deepEqual(events.sort(), ['new-revision', 'recurrence', 'regression', 'spike']);
  // Already posted (the event marker is on one of our comments): not again.
  const posted = p.actions.filter((a) => a.kind === 'comment').map((a, i) => ({ id: 600 + i, body: (a as Extract<PlanAction, { kind: 'comment' }>).body, author: BOT, createdAt: '', updatedAt: '' }));
  const again = plan([next], [issueFor(inc, 1)], { 1: [statusOf(inc), ...posted] });
  assert.equal(again.actions.filter((a) => a.kind === 'comment').length, 0);
  // Posted by someone else: does not count.
  const foreign = posted.map((c) => ({ ...c, author: 'mallory' }));
  assert.equal(plan([next], [issueFor(inc, 1)], { 1: [statusOf(inc), ...foreign] }).actions.filter((a) => a.kind === 'comment').length, 4);
});

test('reopen rule: completed + after grace + newer revision; otherwise recurred; not planned never', () => {
  const cfg = githubConfigSchema.parse({});
  const inc = makeIncident('a', {
    lastSeen: '2026-03-02T10:00:00Z',
    revisions: [{ name: 'r2', count: 3, firstSeen: '2026-03-02T09:00:00Z', revisionFirstLogged: '2026-03-02T08:00:00Z' }],
  });
  const closed = (reason: GhIssue['stateReason'], closedAt: string) => issueFor(inc, 1, { state: 'closed', stateReason: reason, closedAt });
  assert.equal(reopenVerdict(inc, closed('completed', '2026-03-01T12:00:00Z'), cfg).reopen, true);
  assert.equal(reopenVerdict(inc, closed('not_planned', '2026-03-01T12:00:00Z'), cfg).reopen, false);
  assert.equal(reopenVerdict(inc, closed('not_planned', '2026-03-01T12:00:00Z'), cfg).recurred, false);
  assert.equal(reopenVerdict(inc, closed('duplicate', '2026-03-01T12:00:00Z'), cfg).reopen, false);
  const inGrace = reopenVerdict(inc, closed('completed', '2026-03-02T09:30:00Z'), cfg);
  assert.deepEqual([inGrace.reopen, inGrace.recurred], [false, false]);
  const oldRevision = reopenVerdict(inc, closed('completed', '2026-03-02T08:30:00Z'), cfg);
  assert.deepEqual([oldRevision.reopen, oldRevision.recurred], [false, true]);
  const noReason = reopenVerdict(inc, closed(null, '2026-03-01T12:00:00Z'), cfg);
  assert.deepEqual([noReason.reopen, noReason.recurred], [false, true]);
  assert.deepEqual(kinds(plan([inc], [closed('completed', '2026-03-01T12:00:00Z')], { 1: [statusOf(inc)] }).actions).slice(0, 2), ['reopen', 'comment']);
  const asNew = plan([inc], [closed('completed', '2026-03-01T12:00:00Z')], { 1: [statusOf(inc)] }, { onRegression: 'new-issue' });
  assert.deepEqual(kinds(asNew.actions), ['create']);
  assert.equal((asNew.actions[0] as Extract<PlanAction, { kind: 'create' }>).regressionOf, 1);
});

test('the hourly budget defers whole incidents, lowest priorities first, with the reason', () => {
  const incs = ['P3', 'P0', 'P2', 'P1'].map((p, i) =>
    makeIncident(`b${i}`, { priority: p as 'P0', exception: { type: `E${i}`, message: '', topFrames: [`f${i}`], language: 'python' } }),
  );
  const p = plan(incs, [], {}, { budget: { perHour: 10 } }, 5);
  assert.deepEqual(p.actions.map((a) => `${a.priority}:${a.kind}`), ['P0:create', 'P1:create', 'P2:defer', 'P3:defer']);
  const d = p.actions[2] as Extract<PlanAction, { kind: 'defer' }>;
  assert.equal(d.cause, 'budget');
  assert.match(d.reason, /2 write\(s\) needed, 1 left of 10\/hour \(5 used in the last hour\)/);
  assert.equal(d.deferred[0]!.kind, 'create');
  assert.equal(p.writes, 4);
});

test('an issue we did not author is never ours, even with our marker; the store number is checked against the marker', () => {
  const inc = makeIncident('a');
  assert.deepEqual(kinds(plan([inc], [issueFor(inc, 1, { author: 'mallory' })]).actions), ['create']);
  const other = makeIncident('other');
  const snapshot: GithubSnapshot = { repo: { owner: 'acme', repo: 'shop' }, botLogin: BOT, botLoginSource: 'config', readAt: NOW.toISOString(), issues: [issueFor(other, 1)], comments: {}, labels: [], readFailures: [] };
  const p = planGithubSync({ incidents: [inc], snapshot, state: { issueByKey: { [inc.key]: 1 }, writesLastHour: 0 }, config: githubConfigSchema.parse({}), now: NOW });
  assert.deepEqual(kinds(p.actions), ['create'], 'issue #1 carries another key: the stored number is stale');
  assert.deepEqual(p.labelsToCreate.map((l) => l.name), ['P1', 'log-gardener', 'new']);
});

import type { Incident, Priority } from '../../core/incident.js';
import { stableHash } from '../../core/hash.js';
import { parseIssueBody, relatedReason, renderIssueBody, renderRelatedBlock } from './body.js';
import type { RelatedLink } from './body.js';
import type { StatusData, ThresholdEvent } from './comments.js';
import { parseStatusData, renderEventComment, renderStatusComment } from './comments.js';
import type { GithubConfig } from './config.js';
import { desiredLabels, labelSpec, relabelled, sameLabels } from './labels.js';
import { parseEventMarker, parseIssueMarker, parseStatusMarker } from './marker.js';
import type { GithubPlan, GithubPlanInput, GithubSnapshot, PlanAction } from './plan-types.js';
import type { GhComment, GhIssue } from './port.js';
import { repoName } from './port.js';
import { relatedIndex, relatedTargets } from './related.js';
import type { RelatedTarget } from './related.js';
import { renderTitle } from './title.js';

// The planner, a pure function: desired incidents + what GitHub holds + what the store knows +
// config + clock → actions, each with a reason. No I/O; the same input gives the same plan.

const PRIORITY_ORDER: Record<Priority, number> = { P0: 0, P1: 1, P2: 2, P3: 3 };
const MINUTE = 60_000;

type Draft = PlanAction extends infer A ? (A extends PlanAction ? Omit<A, 'id' | 'incidentKey' | 'priority'> : never) : never;

export function planGithubSync(input: GithubPlanInput): GithubPlan {
  const { snapshot, state, config, now } = input;
  const incidents = [...input.incidents].sort((a, b) => PRIORITY_ORDER[a.score.priority] - PRIORITY_ORDER[b.score.priority] || a.key.localeCompare(b.key));
  const index = indexIssues(snapshot, state.issueByKey);
  const repo = repoName(snapshot.repo);

  // First pass: which incidents have an issue and which will get one in this plan.
  const issueOf = new Map<string, GhIssue | undefined>();
  for (const inc of incidents) issueOf.set(inc.key, index.issueFor(inc.key));
  const creating = new Set<string>();
  for (const inc of incidents) {
    const issue = issueOf.get(inc.key);
    if (!issue || (issue.state === 'closed' && config.onRegression === 'new-issue' && reopenVerdict(inc, issue, config).reopen)) creating.add(inc.key);
  }
  const resolve = (t: RelatedTarget): { link?: RelatedLink; pending: boolean } => {
    const reason = relatedReason(t.reason, config.redactEmails);
    if (t.issueNumber !== undefined) return { link: { issueNumber: t.issueNumber, reason }, pending: false };
    const key = t.incidentKey!;
    if (creating.has(key)) return { pending: true };
    const n = issueOf.get(key)?.number ?? index.issueFor(key)?.number;
    return n === undefined ? { pending: false } : { link: { issueNumber: n, reason }, pending: false };
  };

  const related = relatedIndex(incidents);
  const perIncident: { incident: Incident; drafts: Draft[] }[] = [];
  for (const inc of incidents) {
    const issue = issueOf.get(inc.key);
    const failure = issue ? snapshot.readFailures.find((f) => f.issueNumber === issue.number) : undefined;
    let drafts: Draft[];
    if (failure) {
      drafts = [{ kind: 'defer', cause: 'read-failed', issueNumber: issue!.number, deferred: [], writes: 0, reason: `could not read issue #${issue!.number} right before writing (${failure.error}); nothing written for it this run` }];
    } else {
      const targets = relatedTargets(inc, related, config.maxRelated);
      drafts = planIncident(inc, issue, snapshot, config, now, targets, resolve);
    }
    perIncident.push({ incident: inc, drafts });
  }

  // Budget: whole incidents, highest priority first, until the hourly budget is used up.
  let remaining = Math.max(0, config.budget.perHour - state.writesLastHour);
  const phase0: PlanAction[] = [];
  const links: PlanAction[] = [];
  for (const { incident, drafts } of perIncident) {
    const actions = drafts.map((d) => finish(repo, incident, d));
    const writes = actions.reduce((n, a) => n + a.writes, 0);
    if (writes > 0 && writes > remaining) {
      const deferred: PlanAction = finish(repo, incident, {
        kind: 'defer',
        cause: 'budget',
        issueNumber: issueOf.get(incident.key)?.number ?? null,
        deferred: actions,
        writes: 0,
        reason: `write budget: ${writes} write(s) needed, ${remaining} left of ${config.budget.perHour}/hour (${state.writesLastHour} used in the last hour); next run`,
      });
      phase0.push(deferred);
      continue;
    }
    remaining -= writes;
    for (const a of actions) (a.kind === 'link' ? links : phase0).push(a);
  }
  const actions = [...phase0, ...links];
  const used = new Set(actions.flatMap((a) => (a.kind === 'create' ? a.labels : a.kind === 'relabel' ? a.add : [])));
  const existing = new Set(snapshot.labels.map((l) => l.toLowerCase()));
  return {
    version: 1,
    repo: snapshot.repo,
    botLogin: snapshot.botLogin,
    plannedAt: now.toISOString(),
    snapshotReadAt: snapshot.readAt,
    labelsToCreate: [...used].filter((l) => !existing.has(l.toLowerCase())).sort().map((l) => labelSpec(l, config)),
    actions,
    writes: actions.reduce((n, a) => n + a.writes, 0),
    budget: { perMinute: config.budget.perMinute, perHour: config.budget.perHour, usedLastHour: state.writesLastHour, maxWaitSeconds: config.budget.maxWaitSeconds },
    lockTtlSeconds: config.lockTtlSeconds,
    maxRelated: config.maxRelated,
    redactEmails: config.redactEmails,
  };
}

function finish(repo: string, incident: Incident, d: Draft): PlanAction {
  const basis = d.kind === 'comment' ? d.eventId : d.kind === 'create' && d.regressionOf !== undefined ? `regression-of-${d.regressionOf}` : '';
  return { ...d, id: stableHash([repo, d.kind, incident.key, basis]), incidentKey: incident.key, priority: incident.score.priority } as PlanAction;
}

// ---- finding our issues -----------------------------------------------------------------------

interface IssueIndex {
  issueFor(key: string): GhIssue | undefined;
}

/**
 * An incident's issue: the number the store remembers, if that issue is ours and its marker does not
 * name another key; otherwise the issues whose first-line marker names the key (ours only): the open
 * one, else the newest.
 */
export function indexIssues(snapshot: GithubSnapshot, issueByKey: Record<string, number>): IssueIndex {
  const bot = snapshot.botLogin.toLowerCase();
  const own = snapshot.issues.filter((i) => i.author.toLowerCase() === bot);
  const byNumber = new Map(own.map((i) => [i.number, i]));
  const byKey = new Map<string, GhIssue[]>();
  for (const i of own) {
    const m = parseIssueMarker(i.body);
    if (m) byKey.set(m.key, [...(byKey.get(m.key) ?? []), i]);
  }
  return {
    issueFor(key) {
      const n = issueByKey[key];
      const viaState = n === undefined ? undefined : byNumber.get(n);
      if (viaState) {
        const m = parseIssueMarker(viaState.body);
        if (!m || m.key === key) return viaState;
      }
      const candidates = byKey.get(key) ?? [];
      return candidates.filter((i) => i.state === 'open').sort((a, b) => b.number - a.number)[0] ?? [...candidates].sort((a, b) => b.number - a.number)[0];
    },
  };
}

function ownComments(snapshot: GithubSnapshot, issueNumber: number): GhComment[] {
  const bot = snapshot.botLogin.toLowerCase();
  return (snapshot.comments[issueNumber] ?? []).filter((c) => c.author.toLowerCase() === bot);
}

/** Our status comment on an issue: the first of ours whose first line is the status marker for the key. */
export function findStatusComment(comments: readonly GhComment[], key: string): GhComment | undefined {
  return comments.find((c) => parseStatusMarker(c.body)?.key === key);
}

export const hasEvent = (comments: readonly GhComment[], key: string, eventId: string): boolean =>
  comments.some((c) => {
    const m = parseEventMarker(c.body);
    return m !== undefined && m.key === key && m.eventId === eventId;
  });

// ---- one incident ------------------------------------------------------------------------------

export interface ReopenVerdict {
  reopen: boolean;
  recurred: boolean;
  reason: string;
  revision?: string;
}

/** The guarded reopen rule for a closed issue. */
export function reopenVerdict(inc: Incident, issue: GhIssue, config: GithubConfig): ReopenVerdict {
  if (issue.stateReason === 'not_planned' || issue.stateReason === 'duplicate') {
    return { reopen: false, recurred: false, reason: `closed as ${issue.stateReason}: never reopened` };
  }
  const closedAt = Date.parse(issue.closedAt ?? '');
  const last = Date.parse(inc.lastSeen);
  if (!Number.isFinite(closedAt)) return { reopen: false, recurred: false, reason: 'closed without a close time; left alone' };
  if (last <= closedAt) return { reopen: false, recurred: false, reason: `no occurrence after the close at ${issue.closedAt}` };
  if (last <= closedAt + config.reopenGraceMinutes * MINUTE) {
    return { reopen: false, recurred: false, reason: `last occurrence ${inc.lastSeen} is within the ${config.reopenGraceMinutes}-minute grace after the close at ${issue.closedAt}` };
  }
  const newer = inc.revisions
    .filter((r) => r.count > 0 && r.revisionFirstLogged !== undefined && Date.parse(r.revisionFirstLogged) > closedAt)
    .sort((a, b) => a.name.localeCompare(b.name))[0];
  if (issue.stateReason === 'completed' && newer) {
    return {
      reopen: true,
      recurred: true,
      revision: newer.name,
      reason: `closed as completed at ${issue.closedAt}, seen again at ${inc.lastSeen} (after the ${config.reopenGraceMinutes}-minute grace) in revision ${newer.name}, which first logged at ${newer.revisionFirstLogged}, after the close`,
    };
  }
  const why =
    issue.stateReason !== 'completed'
      ? `closed without the reason "completed" (${issue.stateReason ?? 'none'})`
      : 'not seen in any revision that first logged after the close';
  return { reopen: false, recurred: true, reason: `seen again at ${inc.lastSeen}, after the close at ${issue.closedAt}, but ${why}` };
}

function planIncident(
  inc: Incident,
  issue: GhIssue | undefined,
  snapshot: GithubSnapshot,
  config: GithubConfig,
  now: Date,
  targets: RelatedTarget[],
  resolve: (t: RelatedTarget) => { link?: RelatedLink; pending: boolean },
): Draft[] {
  const resolved = targets.map(resolve);
  const known = resolved.flatMap((r) => (r.link ? [r.link] : []));
  const pending = resolved.some((r) => r.pending);
  // The applier links exactly these: numbers resolved here, keys only for issues created in this run.
  const linkTargets: RelatedTarget[] = targets.flatMap((t, i) => {
    const r = resolved[i]!;
    return r.link ? [{ issueNumber: r.link.issueNumber, reason: t.reason }] : r.pending ? [t] : [];
  });

  if (!issue) return planCreate(inc, config, known, pending, linkTargets, undefined, 'no issue carries this incident key yet');

  const comments = ownComments(snapshot, issue.number);
  const status = findStatusComment(comments, inc.key);
  const prev = status ? parseStatusData(status.body) : undefined;
  const drafts: Draft[] = [];

  if (issue.state === 'closed') {
    const verdict = reopenVerdict(inc, issue, config);
    if (verdict.reopen && config.onRegression === 'new-issue') {
      const regressionLink: RelatedLink = { issueNumber: issue.number, reason: relatedReason(`regression of this issue, closed as completed at ${issue.closedAt}`, config.redactEmails) };
      return planCreate(inc, config, [regressionLink, ...known], pending, linkTargets, issue, `regression: ${verdict.reason}; filing a new issue (onRegression = new-issue)`);
    }
    if (verdict.reopen) {
      drafts.push({ kind: 'reopen', issueNumber: issue.number, writes: 1, reason: verdict.reason });
      drafts.push(eventDraft(inc, issue.number, { kind: 'regression', reason: verdict.reason, closedAt: issue.closedAt ?? '', ...(verdict.revision ? { revision: verdict.revision } : {}) }, `closed:${issue.closedAt}`, comments, config));
      drafts.push(...statusAndLabels(inc, issue, status, prev, config, []));
      drafts.push(...linkDraft(inc, issue, known, pending, linkTargets));
      return nonEmpty(drafts, issue, 'reopened');
    }
    if (verdict.recurred) {
      drafts.push(eventDraft(inc, issue.number, { kind: 'recurred-after-close', closedAt: issue.closedAt ?? '', reason: verdict.reason }, `closed:${issue.closedAt}`, comments, config));
      const labels = relabelled(issue.labels, issue.labels, config, [config.labels.recurred]);
      if (!sameLabels(labels, issue.labels)) {
        drafts.push({ kind: 'relabel', issueNumber: issue.number, labels, add: [config.labels.recurred], remove: [], writes: 1, reason: `label "${config.labels.recurred}": ${verdict.reason}` });
      }
      return nonEmpty(drafts, issue, `closed issue #${issue.number}: recurrence already recorded`);
    }
    return [{ kind: 'noop', issueNumber: issue.number, writes: 0, reason: `issue #${issue.number} ${verdict.reason}` }];
  }

  // Open issue: threshold events, then the living status, labels, links.
  if (prev) {
    for (const [event, basis] of thresholdEvents(inc, prev, config)) drafts.push(eventDraft(inc, issue.number, event, basis, comments, config));
  }
  drafts.push(...statusAndLabels(inc, issue, status, prev, config, []));
  drafts.push(...linkDraft(inc, issue, known, pending, linkTargets));
  return nonEmpty(drafts, issue, 'unchanged');
}

function nonEmpty(drafts: Draft[], issue: GhIssue, what: string): Draft[] {
  const real = drafts.filter((d) => d.kind !== 'noop');
  return real.length > 0 ? real : [{ kind: 'noop', issueNumber: issue.number, writes: 0, reason: `issue #${issue.number}: ${what}` }];
}

function planCreate(
  inc: Incident,
  config: GithubConfig,
  known: RelatedLink[],
  pending: boolean,
  targets: RelatedTarget[],
  regressionOf: GhIssue | undefined,
  reason: string,
): Draft[] {
  const body = renderIssueBody(inc, config, {
    related: known,
    ...(regressionOf ? { regressionOf: { issueNumber: regressionOf.number, closedAt: regressionOf.closedAt ?? '' } } : {}),
  });
  const create: Draft = {
    kind: 'create',
    title: renderTitle(config.titleTemplate, titleFields(inc), config.redactEmails),
    body,
    labels: desiredLabels(inc, config),
    statusBody: renderStatusComment(inc, config),
    writes: 2,
    reason,
    ...(regressionOf ? { regressionOf: regressionOf.number } : {}),
  };
  if (!pending) return [create];
  return [create, { kind: 'link', issueNumber: null, related: targets, writes: 1, reason: 'related incidents get their issues in this run; link once their numbers are known' }];
}

const titleFields = (inc: Incident) => ({ classification: inc.classification, priority: inc.score.priority, title: inc.title, service: inc.service, key: inc.key });

function statusAndLabels(inc: Incident, issue: GhIssue, status: GhComment | undefined, prev: StatusData | undefined, config: GithubConfig, extra: string[]): Draft[] {
  const out: Draft[] = [];
  const body = renderStatusComment(inc, config);
  if (!status) {
    out.push({ kind: 'update-status', issueNumber: issue.number, body, writes: 1, reason: 'no status comment yet' });
  } else if (status.body !== body) {
    out.push({ kind: 'update-status', issueNumber: issue.number, commentId: status.id, body, writes: 1, reason: 'figures changed since the last run' });
  }
  const desired = desiredLabels(inc, config);
  const labels = relabelled(issue.labels, desired, config, extra);
  // The title follows priority and classification only while a person has not renamed the issue.
  let title: string | undefined;
  const wanted = renderTitle(config.titleTemplate, titleFields(inc), config.redactEmails);
  if (prev && wanted !== issue.title) {
    const before = renderTitle(config.titleTemplate, { ...titleFields(inc), priority: prev.priority, classification: prev.classification }, config.redactEmails);
    if (before === issue.title) title = wanted;
  }
  if (!sameLabels(labels, issue.labels) || title !== undefined) {
    const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));
    const cur = lower(issue.labels);
    const next = lower(labels);
    const add = labels.filter((l) => !cur.has(l.toLowerCase()));
    const remove = issue.labels.filter((l) => !next.has(l.toLowerCase()));
    const what = [add.length > 0 ? `add ${add.join(', ')}` : '', remove.length > 0 ? `remove ${remove.join(', ')}` : '', title !== undefined ? 'retitle' : ''].filter((x) => x !== '');
    out.push({ kind: 'relabel', issueNumber: issue.number, labels, add, remove, writes: 1, reason: `priority ${inc.score.priority}, classification ${inc.classification}: ${what.join('; ')}`, ...(title !== undefined ? { title } : {}) });
  }
  return out;
}

function linkDraft(inc: Incident, issue: GhIssue, known: RelatedLink[], pending: boolean, targets: RelatedTarget[]): Draft[] {
  const parsed = parseIssueBody(issue.body);
  const current = parsed?.relatedBlock;
  const keep = keptLinks(parsed?.related ?? [], known);
  if (!pending && current === renderRelatedBlock([...keep, ...known])) return [];
  if (!pending && current === undefined && known.length === 0) return [];
  const why = pending ? 'related incidents get their issues in this run' : `related issues changed: ${known.map((k) => `#${k.issueNumber}`).join(', ') || 'none'}`;
  return [{ kind: 'link', issueNumber: issue.number, related: targets, writes: 1, reason: why }];
}

function thresholdEvents(inc: Incident, prev: StatusData, config: GithubConfig): [ThresholdEvent, string][] {
  const out: [ThresholdEvent, string][] = [];
  const gap = (Date.parse(inc.firstSeen) - Date.parse(prev.lastSeen)) / MINUTE;
  if (Number.isFinite(gap) && gap >= config.quietPeriodMinutes) {
    out.push([{ kind: 'recurrence', previousLastSeen: prev.lastSeen, gapMinutes: gap }, `after:${prev.lastSeen}`]);
  }
  if (inc.spike && inc.spike.factor >= config.spikeFactor && (prev.spikeFactor ?? 0) < config.spikeFactor) {
    const f = Math.round(inc.spike.factor * 10) / 10;
    out.push([{ kind: 'spike', factor: f, baselinePerMinute: Math.round(inc.spike.baselinePerMinute * 10) / 10 }, `spike:${inc.peakPerMinute.minute}`]);
  }
  const fresh = inc.revisions.map((r) => r.name).filter((r) => !prev.revisions.includes(r)).sort();
  if (fresh.length > 0) out.push([{ kind: 'new-revision', revisions: fresh }, `revisions:${fresh.join(',')}`]);
  if (inc.classification === 'regression' && prev.classification !== 'regression') {
    out.push([{ kind: 'regression', reason: inc.classificationReason }, `regression:${prev.lastSeen}`]);
  }
  return out;
}

function eventDraft(inc: Incident, issueNumber: number, event: ThresholdEvent, basis: string, comments: GhComment[], config: GithubConfig): Draft {
  const eventId = stableHash([inc.key, event.kind, basis]);
  if (hasEvent(comments, inc.key, eventId)) return { kind: 'noop', issueNumber, writes: 0, reason: `${event.kind} comment already posted` };
  return { kind: 'comment', issueNumber, event: event.kind, eventId, body: renderEventComment(inc, event, eventId, config), writes: 1, reason: eventReason(event) };
}

function eventReason(e: ThresholdEvent): string {
  switch (e.kind) {
    case 'recurrence':
      return `first recurrence after ${Math.round(e.gapMinutes)} quiet minutes`;
    case 'spike':
      return `spike ×${e.factor} over the baseline`;
    case 'new-revision':
      return `seen in new revision(s) ${e.revisions.join(', ')}`;
    case 'regression':
      return `regression: ${e.reason}`;
    case 'recurred-after-close':
      return `recurred after the close: ${e.reason}`;
  }
}

/** Links the applier never drops: a regression issue's link to the issue it regresses. */
export function keptLinks(current: readonly RelatedLink[], links: readonly RelatedLink[]): RelatedLink[] {
  return current.filter((r) => /^regression of this issue/.test(r.reason) && !links.some((l) => l.issueNumber === r.issueNumber));
}

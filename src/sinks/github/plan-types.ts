import type { Incident, Priority } from '../../core/incident.js';
import type { GithubConfig } from './config.js';
import type { ThresholdEvent } from './comments.js';
import type { GhComment, GhIssue, LabelCreate, RepoRef } from './port.js';
import type { RelatedTarget } from './related.js';

// The plan: a pure description of every GitHub change, each with its reason. Computing it writes
// nothing; `run` without --apply prints and saves it; the applier carries it out.

/** What was read from GitHub right before planning (snapshot.ts). */
export interface GithubSnapshot {
  repo: RepoRef;
  /** Markers count only on issues and comments authored by this login. */
  botLogin: string;
  botLoginSource: 'token' | 'config';
  readAt: string;
  /** Issues authored by botLogin (state=all), from the list endpoint. */
  issues: GhIssue[];
  /** Comments of the issues that belong to an incident in this run, by issue number. */
  comments: Record<number, GhComment[]>;
  /** Label names that exist in the repository. */
  labels: string[];
  /** Reads that failed: nothing is written for these issues in this run. */
  readFailures: { issueNumber: number; error: string }[];
}

/** What the store knows (GithubState), passed in as data. */
export interface GithubStateSnapshot {
  issueByKey: Record<string, number>;
  /** Writes journaled in the hour before `now`, across runs (hourly budget). */
  writesLastHour: number;
}

export interface GithubPlanInput {
  incidents: Incident[];
  snapshot: GithubSnapshot;
  state: GithubStateSnapshot;
  config: GithubConfig;
  now: Date;
}

interface ActionBase {
  /** Stable content hash: the same change planned twice has the same id (the journal's key). */
  id: string;
  incidentKey: string;
  priority: Priority;
  reason: string;
  /** GitHub writes this action makes at most. */
  writes: number;
}

export type PlanAction =
  | (ActionBase & {
      kind: 'create';
      title: string;
      body: string;
      labels: string[];
      statusBody: string;
      /** Related issues to link once numbers are known (filled into the body by a `link` action). */
      regressionOf?: number;
    })
  | (ActionBase & { kind: 'update-status'; issueNumber: number | null; commentId?: number; body: string })
  | (ActionBase & { kind: 'comment'; issueNumber: number | null; event: ThresholdEvent['kind']; eventId: string; body: string })
  | (ActionBase & { kind: 'relabel'; issueNumber: number; labels: string[]; add: string[]; remove: string[]; title?: string })
  | (ActionBase & { kind: 'reopen'; issueNumber: number })
  | (ActionBase & { kind: 'link'; issueNumber: number | null; related: RelatedTarget[] })
  | (ActionBase & { kind: 'noop'; issueNumber: number | null })
  | (ActionBase & { kind: 'defer'; issueNumber: number | null; deferred: PlanAction[]; cause: 'budget' | 'read-failed' });

export type PlanActionKind = PlanAction['kind'];

export interface GithubPlan {
  version: 1;
  repo: RepoRef;
  botLogin: string;
  plannedAt: string;
  snapshotReadAt: string;
  /** Labels to create before the first write (they do not exist in the repository yet). */
  labelsToCreate: LabelCreate[];
  actions: PlanAction[];
  /** Writes the plan will make if nothing is deferred at apply time. */
  writes: number;
  budget: { perMinute: number; perHour: number; usedLastHour: number; maxWaitSeconds: number };
  /** The config's title template and other settings the applier needs. */
  lockTtlSeconds: number;
  maxRelated: number;
  redactEmails: boolean;
}

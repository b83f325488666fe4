// The GitHub sink: one issue per incident, kept in sync. Compute first (readGithubSnapshot +
// planGithubSync, pure), write second (applyGithubPlan). See docs/github.md.
export { githubConfigSchema, defaultGithubConfig } from './config.js';
export type { GithubConfig, GithubConfigInput } from './config.js';
export type { GithubPort, GhIssue, GhComment, GhLabel, GhUser, RepoRef, ListIssuesQuery, IssueCreate, IssuePatch, LabelCreate } from './port.js';
export { parseRepo, repoName } from './port.js';
export { createOctokitPort } from './octokit-port.js';
export type { OctokitPortOptions } from './octokit-port.js';
export { GithubError, isGithubError } from './errors.js';
export type { GithubFailure } from './errors.js';
export { readGithubSnapshot, resolveBotLogin } from './snapshot.js';
export type { SnapshotOptions } from './snapshot.js';
export { planGithubSync, reopenVerdict } from './plan.js';
export type { GithubPlan, GithubPlanInput, GithubSnapshot, GithubStateSnapshot, PlanAction, PlanActionKind } from './plan-types.js';
export { renderPlanTable } from './plan-table.js';
export { applyGithubPlan } from './apply.js';
export type { ApplyOptions, ApplyResult, ActionResult, ActionStatus } from './apply.js';
export { MemoryGithubState } from './state.js';
export type { GithubState, JournalEntry, LockInfo } from './state.js';
export { SqliteGithubState, GITHUB_SQLITE_MIGRATIONS } from './sqlite-state.js';
export { renderIssueBody, parseIssueBody } from './body.js';
export { renderStatusComment, renderEventComment } from './comments.js';
export { issueMarker, parseIssueMarker } from './marker.js';
export { renderTitle } from './title.js';
export { syncGithub } from './sync.js';
export type { SyncOptions, SyncResult } from './sync.js';

// The one interface for all GitHub access (release-please's `scm.ts` habit): the planner and the
// applier see only this; the Octokit adapter (octokit-port.ts) is the only file importing @octokit/*,
// and tests hand in the same adapter pointed at the fake server (test/fakes/github-server.ts).

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface GhUser {
  login: string;
  id: number;
  type?: string;
}

export interface GhLabel {
  name: string;
  color?: string;
  description?: string | null;
}

export type IssueState = 'open' | 'closed';
/** GitHub's reason for the last close/reopen: `completed`, `not_planned`, `duplicate`, `reopened`, or null. */
export type StateReason = 'completed' | 'not_planned' | 'duplicate' | 'reopened' | null;

export interface GhIssue {
  number: number;
  title: string;
  body: string | null;
  state: IssueState;
  stateReason: StateReason;
  /** Login of the author; markers count only on issues authored by the token's own user. */
  author: string;
  labels: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  htmlUrl: string;
}

export interface GhComment {
  id: number;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

export interface ListIssuesQuery {
  state?: 'open' | 'closed' | 'all';
  labels?: string[];
  creator?: string;
  /** Only issues updated at or after this ISO time. */
  since?: string;
  perPage?: number;
}

export interface IssueCreate {
  title: string;
  body: string;
  labels: string[];
}

export interface IssuePatch {
  title?: string;
  body?: string;
  labels?: string[];
  state?: IssueState;
  stateReason?: 'completed' | 'not_planned' | 'reopened';
}

export interface LabelCreate {
  name: string;
  color: string;
  description?: string;
}

export interface GithubPort {
  getAuthenticatedUser(): Promise<GhUser>;
  /** Every page (Link headers followed); pull requests are left out. */
  listIssues(repo: RepoRef, query: ListIssuesQuery): Promise<GhIssue[]>;
  getIssue(repo: RepoRef, issueNumber: number): Promise<GhIssue>;
  createIssue(repo: RepoRef, issue: IssueCreate): Promise<GhIssue>;
  updateIssue(repo: RepoRef, issueNumber: number, patch: IssuePatch): Promise<GhIssue>;
  /** Every page, oldest first. */
  listComments(repo: RepoRef, issueNumber: number): Promise<GhComment[]>;
  createComment(repo: RepoRef, issueNumber: number, body: string): Promise<GhComment>;
  updateComment(repo: RepoRef, commentId: number, body: string): Promise<GhComment>;
  listLabels(repo: RepoRef): Promise<GhLabel[]>;
  createLabel(repo: RepoRef, label: LabelCreate): Promise<GhLabel>;
}

export function parseRepo(text: string): RepoRef | undefined {
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(text.trim());
  if (!m || m[2] === '.' || m[2] === '..') return undefined;
  return { owner: m[1]!, repo: m[2]! };
}

export const repoName = (r: RepoRef): string => `${r.owner}/${r.repo}`;

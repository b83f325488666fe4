import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

// A fake of the slice of GitHub's REST API that log-gardener uses, on 127.0.0.1 and a random port:
// issues (list with state/labels/creator/since/sort/direction/per_page/page and RFC 5988 Link
// headers, get, create, update incl. state + state_reason), comments (list, create, update), labels
// (list, create), GET /user, token authentication. On demand it misbehaves the way GitHub does:
// secondary rate limits (403/429 + retry-after + the documented message), 5xx, and dying after N
// writes (connection reset or 500 forever). Every request and response is recorded so tests can
// count writes and validate bodies against GitHub's OpenAPI description (test/fakes/openapi.ts).

export interface FakeUser {
  login: string;
  id: number;
  type?: 'User' | 'Bot';
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** The OpenAPI path template this request matched, e.g. "/repos/{owner}/{repo}/issues". */
  route: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  headers: Record<string, string>;
  responseBody: unknown;
  /** True for POST/PATCH/PUT/DELETE that reached the handler. */
  write: boolean;
  /** "reset" when the connection was destroyed instead of answered. */
  outcome: 'answered' | 'reset';
  /** Arrival time on the fake's clock (ms). */
  at: number;
}

export interface StoredIssue {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: 'completed' | 'not_planned' | 'duplicate' | 'reopened' | null;
  user: FakeUser;
  labels: string[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: FakeUser | null;
  comments: number;
}

export interface StoredComment {
  id: number;
  issueNumber: number;
  body: string;
  user: FakeUser;
  created_at: string;
  updated_at: string;
}

interface StoredLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

interface RepoData {
  issues: StoredIssue[];
  comments: StoredComment[];
  labels: StoredLabel[];
}

export interface SecondaryLimitFault {
  /** Starts after this many successful writes. */
  afterWrites: number;
  /** How many write requests are refused before writes succeed again. */
  rejections: number;
  status?: 403 | 429;
  retryAfterSeconds?: number;
  /** Omit the retry-after header (GitHub sometimes does). */
  omitRetryAfter?: boolean;
}

export interface DieFault {
  afterWrites: number;
  mode: 'reset' | '500';
  /** The first write after death is carried out before the connection dies (the worst case). */
  commitFatalWrite?: boolean;
}

export interface FakeGithubOptions {
  /** token -> user */
  tokens?: Record<string, FakeUser>;
  /** Tokens whose /user read is refused (a GitHub Actions token). */
  tokensWithoutUserAccess?: string[];
  /** Base time for created_at etc.; each write advances it by one second so order is visible. */
  startTime?: string;
  /** GitHub's clock; tests pass their own so `since` filters line up with the run's clock. */
  now?: () => Date;
}

export const SECONDARY_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later.';
const SECONDARY_LIMIT_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';

export class FakeGithub {
  readonly requests: RecordedRequest[] = [];
  private readonly repos = new Map<string, RepoData>();
  private readonly tokens: Record<string, FakeUser>;
  private readonly tokensWithoutUserAccess: Set<string>;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private nextId = 1000;
  private timeMs: number;
  private readonly now: (() => Date) | undefined;
  private successfulWrites = 0;
  private secondary: (SecondaryLimitFault & { rejected: number }) | undefined;
  private die: DieFault | undefined;
  private dead = false;
  private hanging = false;
  private primary: { afterRequests: number; rejections: number; resetInSeconds: number; rejected: number } | undefined;
  private serverErrors: { remaining: number; status: number } | undefined;
  baseUrl = '';

  constructor(opts: FakeGithubOptions = {}) {
    this.tokens = opts.tokens ?? { 'test-token': { login: 'gardener-bot', id: 1, type: 'Bot' } };
    this.tokensWithoutUserAccess = new Set(opts.tokensWithoutUserAccess ?? []);
    this.timeMs = Date.parse(opts.startTime ?? '2026-01-01T00:00:00Z');
    this.now = opts.now;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  // ---- fault injection -------------------------------------------------------------------------

  secondaryLimit(fault: SecondaryLimitFault): void {
    this.secondary = { ...fault, rejected: 0 };
  }
  dieAfterWrites(fault: DieFault): void {
    this.die = fault;
  }
  /** The next `count` requests (any method) answer with `status`. */
  failNext(count: number, status = 502): void {
    this.serverErrors = { remaining: count, status };
  }
  /**
   * The primary limit: after `afterRequests` requests, `rejections` requests are refused with 403,
   * `x-ratelimit-remaining: 0` and `x-ratelimit-reset` (epoch seconds, `resetInSeconds` from the
   * fake's clock), as GitHub does when the hourly quota is spent.
   */
  primaryLimit(fault: { afterRequests: number; rejections: number; resetInSeconds: number }): void {
    this.primary = { ...fault, rejected: 0 };
  }
  /** Every later request is read and never answered (a hung connection). */
  hang(): void {
    this.hanging = true;
  }
  /** Clears every fault: the server "comes back". Data is kept. */
  revive(): void {
    this.die = undefined;
    this.dead = false;
    this.secondary = undefined;
    this.serverErrors = undefined;
    this.hanging = false;
    this.primary = undefined;
  }

  // ---- direct data access for tests ------------------------------------------------------------

  seedIssue(
    repo: string,
    issue: { title: string; body: string; author: FakeUser; labels?: string[]; state?: 'open' | 'closed'; stateReason?: StoredIssue['state_reason']; closedAt?: string; createdAt?: string },
  ): number {
    const data = this.repo(repo);
    const now = this.tick();
    const number = data.issues.length + 1;
    data.issues.push({
      number,
      id: this.nextId++,
      title: issue.title,
      body: issue.body,
      state: issue.state ?? 'open',
      state_reason: issue.stateReason ?? null,
      user: issue.author,
      labels: issue.labels ?? [],
      created_at: issue.createdAt ?? now,
      updated_at: issue.closedAt ?? now,
      closed_at: issue.state === 'closed' ? issue.closedAt ?? now : null,
      closed_by: issue.state === 'closed' ? issue.author : null,
      comments: 0,
    });
    for (const l of issue.labels ?? []) this.ensureLabel(data, l);
    return number;
  }
  /** Closes an issue as a person would, at a given time. */
  closeIssue(repo: string, number: number, reason: 'completed' | 'not_planned', at: string): void {
    const i = this.repo(repo).issues[number - 1];
    if (!i) throw new Error(`no issue #${number}`);
    i.state = 'closed';
    i.state_reason = reason;
    i.closed_at = at;
    i.updated_at = at;
  }
  issues(repo: string): readonly StoredIssue[] {
    return this.repo(repo).issues;
  }
  comments(repo: string, issueNumber?: number): readonly StoredComment[] {
    const all = this.repo(repo).comments;
    return issueNumber === undefined ? all : all.filter((c) => c.issueNumber === issueNumber);
  }
  labels(repo: string): readonly StoredLabel[] {
    return this.repo(repo).labels;
  }
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.write);
  }

  // ---- HTTP ------------------------------------------------------------------------------------

  private repo(name: string): RepoData {
    let r = this.repos.get(name);
    if (!r) {
      r = { issues: [], comments: [], labels: [] };
      this.repos.set(name, r);
    }
    return r;
  }

  private tick(): string {
    if (this.now) return new Date(Math.floor(this.now().getTime() / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.timeMs += 1000;
    return new Date(this.timeMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.baseUrl);
    const method = (req.method ?? 'GET').toUpperCase();
    const query = Object.fromEntries(url.searchParams.entries());
    const write = method !== 'GET' && method !== 'HEAD';
    let body: unknown = undefined;
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const rec: RecordedRequest = { method, path: url.pathname, route: '', query, body, status: 0, headers: {}, responseBody: undefined, write, outcome: 'answered', at: (this.now?.() ?? new Date()).getTime() };
    this.requests.push(rec);

    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      rec.status = status;
      rec.headers = headers;
      rec.responseBody = payload;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-github-api-version-selected': '2022-11-28', ...headers });
      res.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    const reset = () => {
      rec.outcome = 'reset';
      req.socket.destroy();
    };

    if (this.hanging) {
      rec.outcome = 'reset';
      return;
    }
    // Death: after N successful writes every request fails; the first fatal write may be committed.
    if (this.dead || (this.die && write && this.successfulWrites >= this.die.afterWrites)) {
      const first = !this.dead;
      this.dead = true;
      if (first && this.die?.commitFatalWrite) this.route(method, url, query, body, rec, () => {}, true);
      if (this.die?.mode === 'reset') return reset();
      return send(500, { message: 'Server Error' });
    }
    if (this.serverErrors && this.serverErrors.remaining > 0) {
      this.serverErrors.remaining--;
      return send(this.serverErrors.status, { message: 'Server Error' });
    }
    const auth = req.headers.authorization ?? '';
    const token = auth.replace(/^(token|bearer)\s+/i, '');
    const user = this.tokens[token];
    if (!user) return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    if (this.primary && this.requests.length > this.primary.afterRequests && this.primary.rejected < this.primary.rejections) {
      this.primary.rejected++;
      const nowMs = (this.now?.() ?? new Date()).getTime();
      const reset = String(Math.floor(nowMs / 1000) + this.primary.resetInSeconds);
      return send(
        403,
        { message: `API rate limit exceeded for user ID ${user.id}. If you reach out to GitHub Support for help, please include the request ID.`, documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' },
        { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': reset, 'x-ratelimit-resource': 'core' },
      );
    }
    if (write && this.secondary && this.successfulWrites >= this.secondary.afterWrites && this.secondary.rejected < this.secondary.rejections) {
      this.secondary.rejected++;
      const headers: Record<string, string> = { 'x-ratelimit-remaining': '4000', 'x-ratelimit-limit': '5000' };
      if (!this.secondary.omitRetryAfter) headers['retry-after'] = String(this.secondary.retryAfterSeconds ?? 1);
      return send(this.secondary.status ?? 403, { message: SECONDARY_LIMIT_MESSAGE, documentation_url: SECONDARY_LIMIT_DOCS }, headers);
    }
    if (method === 'GET' && url.pathname === '/user') {
      rec.route = '/user';
      if (this.tokensWithoutUserAccess.has(token)) {
        return send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user', status: '403' });
      }
      return send(200, this.privateUser(user));
    }
    this.route(method, url, query, body, rec, send, false, user);
  }

  /** Dispatches a repository request; `silent` carries out a write without answering (dying server). */
  private route(
    method: string,
    url: URL,
    query: Record<string, string>,
    body: unknown,
    rec: RecordedRequest,
    send: (status: number, payload: unknown, headers?: Record<string, string>) => void,
    silent: boolean,
    user: FakeUser = Object.values(this.tokens)[0]!,
  ): void {
    const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (!m) return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
    const repoName = `${m[1]}/${m[2]}`;
    const data = this.repo(repoName);
    const rest = m[3] ?? '';
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const ok = (status: number, payload: unknown, headers?: Record<string, string>) => {
      if (rec.write) this.successfulWrites++;
      send(status, payload, headers);
    };
    const notFound = () => send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
    const invalid = (message: string, field: string) =>
      send(422, { message: 'Validation Failed', errors: [{ resource: 'Issue', code: 'missing_field', field, message }], documentation_url: 'https://docs.github.com/rest' });

    if (rest === '/issues' && method === 'GET') {
      rec.route = '/repos/{owner}/{repo}/issues';
      let list = data.issues.slice();
      const state = query.state ?? 'open';
      if (state !== 'all') list = list.filter((i) => i.state === state);
      if (query.creator) list = list.filter((i) => i.user.login.toLowerCase() === query.creator!.toLowerCase());
      if (query.labels) {
        const want = query.labels.split(',').map((l) => l.trim().toLowerCase()).filter((l) => l !== '');
        list = list.filter((i) => want.every((w) => i.labels.some((l) => l.toLowerCase() === w)));
      }
      if (query.since) list = list.filter((i) => Date.parse(i.updated_at) >= Date.parse(query.since!));
      const sort = query.sort ?? 'created';
      const key = (i: StoredIssue) => (sort === 'updated' ? Date.parse(i.updated_at) : sort === 'comments' ? i.comments : Date.parse(i.created_at));
      list.sort((a, z) => key(a) - key(z) || a.number - z.number);
      if ((query.direction ?? 'desc') === 'desc') list.reverse();
      return this.paginate(list.map((i) => this.issueJson(repoName, i)), url, query, send);
    }
    if (rest === '/issues' && method === 'POST') {
      rec.route = '/repos/{owner}/{repo}/issues';
      if (typeof b.title !== 'string' || b.title === '') return invalid('title is required', 'title');
      const now = this.tick();
      const labels = Array.isArray(b.labels) ? b.labels.map(String) : [];
      for (const l of labels) this.ensureLabel(data, l);
      const issue: StoredIssue = {
        number: data.issues.length + 1,
        id: this.nextId++,
        title: b.title,
        body: typeof b.body === 'string' ? b.body : null,
        state: 'open',
        state_reason: null,
        user,
        labels,
        created_at: now,
        updated_at: now,
        closed_at: null,
        closed_by: null,
        comments: 0,
      };
      data.issues.push(issue);
      if (silent) return;
      return ok(201, this.issueJson(repoName, issue), { location: `${this.baseUrl}/repos/${repoName}/issues/${issue.number}` });
    }
    const issueMatch = /^\/issues\/(\d+)$/.exec(rest);
    if (issueMatch) {
      rec.route = '/repos/{owner}/{repo}/issues/{issue_number}';
      const issue = data.issues[Number(issueMatch[1]) - 1];
      if (!issue) return notFound();
      if (method === 'GET') return send(200, this.issueJson(repoName, issue));
      if (method === 'PATCH') {
        const now = this.tick();
        if (typeof b.title === 'string') issue.title = b.title;
        if (typeof b.body === 'string' || b.body === null) issue.body = b.body as string | null;
        if (Array.isArray(b.labels)) {
          issue.labels = b.labels.map(String);
          for (const l of issue.labels) this.ensureLabel(data, l);
        }
        if (b.state === 'closed' && issue.state !== 'closed') {
          issue.state = 'closed';
          issue.closed_at = now;
          issue.closed_by = user;
          issue.state_reason = (b.state_reason as StoredIssue['state_reason']) ?? 'completed';
        } else if (b.state === 'open' && issue.state !== 'open') {
          issue.state = 'open';
          issue.closed_at = null;
          issue.state_reason = 'reopened';
        }
        issue.updated_at = now;
        if (silent) return;
        return ok(200, this.issueJson(repoName, issue));
      }
    }
    const commentsMatch = /^\/issues\/(\d+)\/comments$/.exec(rest);
    if (commentsMatch) {
      rec.route = '/repos/{owner}/{repo}/issues/{issue_number}/comments';
      const issue = data.issues[Number(commentsMatch[1]) - 1];
      if (!issue) return notFound();
      if (method === 'GET') {
        const list = data.comments.filter((c) => c.issueNumber === issue.number);
        return this.paginate(list.map((c) => this.commentJson(repoName, c)), url, query, send);
      }
      if (method === 'POST') {
        if (typeof b.body !== 'string' || b.body === '') return invalid('body is required', 'body');
        const now = this.tick();
        const c: StoredComment = { id: this.nextId++, issueNumber: issue.number, body: b.body, user, created_at: now, updated_at: now };
        data.comments.push(c);
        issue.comments++;
        issue.updated_at = now;
        if (silent) return;
        return ok(201, this.commentJson(repoName, c));
      }
    }
    const commentMatch = /^\/issues\/comments\/(\d+)$/.exec(rest);
    if (commentMatch && method === 'PATCH') {
      rec.route = '/repos/{owner}/{repo}/issues/comments/{comment_id}';
      const c = data.comments.find((x) => x.id === Number(commentMatch[1]));
      if (!c) return notFound();
      if (typeof b.body !== 'string') return invalid('body is required', 'body');
      c.body = b.body;
      c.updated_at = this.tick();
      const issue = data.issues[c.issueNumber - 1];
      if (issue) issue.updated_at = c.updated_at;
      if (silent) return;
      return ok(200, this.commentJson(repoName, c));
    }
    if (rest === '/labels') {
      rec.route = '/repos/{owner}/{repo}/labels';
      if (method === 'GET') return this.paginate(data.labels.map((l) => this.labelJson(repoName, l)), url, query, send);
      if (method === 'POST') {
        if (typeof b.name !== 'string' || b.name === '') return invalid('name is required', 'name');
        if (data.labels.some((l) => l.name.toLowerCase() === String(b.name).toLowerCase())) {
          return send(422, { message: 'Validation Failed', errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }], documentation_url: 'https://docs.github.com/rest/issues/labels#create-a-label' });
        }
        const l: StoredLabel = { id: this.nextId++, name: b.name, color: typeof b.color === 'string' ? b.color.replace(/^#/, '') : 'ededed', description: typeof b.description === 'string' ? b.description : null };
        data.labels.push(l);
        if (silent) return;
        return ok(201, this.labelJson(repoName, l));
      }
    }
    return notFound();
  }

  private paginate(items: unknown[], url: URL, query: Record<string, string>, send: (s: number, p: unknown, h?: Record<string, string>) => void): void {
    const perPage = Math.min(100, Math.max(1, Number(query.per_page ?? 30) || 30));
    const page = Math.max(1, Number(query.page ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const link = (p: number, rel: string) => {
      const u = new URL(url.toString());
      u.searchParams.set('page', String(p));
      u.searchParams.set('per_page', String(perPage));
      return `<${u.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    send(200, slice, links.length > 0 ? { link: links.join(', ') } : {});
  }

  private ensureLabel(data: RepoData, name: string): void {
    if (!data.labels.some((l) => l.name.toLowerCase() === name.toLowerCase())) {
      data.labels.push({ id: this.nextId++, name, color: 'ededed', description: null });
    }
  }

  // ---- JSON shapes (GitHub's, with every field the OpenAPI description requires) ----------------

  private simpleUser(u: FakeUser) {
    const api = this.baseUrl;
    return {
      login: u.login,
      id: u.id,
      node_id: `U_${u.id}`,
      avatar_url: `${api}/avatars/${u.id}`,
      gravatar_id: '',
      url: `${api}/users/${u.login}`,
      html_url: `${api}/${u.login}`,
      followers_url: `${api}/users/${u.login}/followers`,
      following_url: `${api}/users/${u.login}/following{/other_user}`,
      gists_url: `${api}/users/${u.login}/gists{/gist_id}`,
      starred_url: `${api}/users/${u.login}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/users/${u.login}/subscriptions`,
      organizations_url: `${api}/users/${u.login}/orgs`,
      repos_url: `${api}/users/${u.login}/repos`,
      events_url: `${api}/users/${u.login}/events{/privacy}`,
      received_events_url: `${api}/users/${u.login}/received_events`,
      type: u.type ?? 'User',
      site_admin: false,
    };
  }

  private privateUser(u: FakeUser) {
    return {
      ...this.simpleUser(u),
      name: null,
      company: null,
      blog: null,
      location: null,
      email: null,
      hireable: null,
      bio: null,
      public_repos: 0,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: '2020-01-01T00:00:00Z',
      updated_at: '2020-01-01T00:00:00Z',
      private_gists: 0,
      total_private_repos: 0,
      owned_private_repos: 0,
      disk_usage: 0,
      collaborators: 0,
      two_factor_authentication: true,
    };
  }

  private labelJson(repo: string, l: StoredLabel) {
    return { id: l.id, node_id: `LA_${l.id}`, url: `${this.baseUrl}/repos/${repo}/labels/${encodeURIComponent(l.name)}`, name: l.name, description: l.description, color: l.color, default: false };
  }

  private issueJson(repo: string, i: StoredIssue) {
    const api = `${this.baseUrl}/repos/${repo}`;
    const data = this.repo(repo);
    return {
      id: i.id,
      node_id: `I_${i.id}`,
      url: `${api}/issues/${i.number}`,
      repository_url: api,
      labels_url: `${api}/issues/${i.number}/labels{/name}`,
      comments_url: `${api}/issues/${i.number}/comments`,
      events_url: `${api}/issues/${i.number}/events`,
      html_url: `${this.baseUrl}/${repo}/issues/${i.number}`,
      number: i.number,
      state: i.state,
      state_reason: i.state_reason,
      title: i.title,
      body: i.body,
      user: this.simpleUser(i.user),
      labels: i.labels.map((name) => this.labelJson(repo, data.labels.find((l) => l.name.toLowerCase() === name.toLowerCase()) ?? { id: 0, name, color: 'ededed', description: null })),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: i.comments,
      closed_at: i.closed_at,
      created_at: i.created_at,
      updated_at: i.updated_at,
      closed_by: i.closed_by ? this.simpleUser(i.closed_by) : null,
      author_association: 'NONE',
    };
  }

  private commentJson(repo: string, c: StoredComment) {
    const api = `${this.baseUrl}/repos/${repo}`;
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${api}/issues/comments/${c.id}`,
      html_url: `${this.baseUrl}/${repo}/issues/${c.issueNumber}#issuecomment-${c.id}`,
      body: c.body,
      user: this.simpleUser(c.user),
      created_at: c.created_at,
      updated_at: c.updated_at,
      issue_url: `${api}/issues/${c.issueNumber}`,
      author_association: 'NONE',
    };
  }
}

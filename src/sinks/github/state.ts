// What the GitHub sink remembers between runs: the issue number per incident key, a journal of
// writes (intent before, result after, so a run killed half-way resumes without creating anything
// twice and the hourly budget counts across runs), and a per-repository lock with expiry so two
// concurrent runs cannot both write. Async so SQLite and a shared PostgreSQL fit the same shape.

export type JournalStatus = 'intent' | 'done' | 'failed';

export interface JournalEntry {
  repo: string;
  /** `<action id>:<step>`: stable across runs, so a resumed run finds the intent of the killed one. */
  id: string;
  runId: string;
  incidentKey: string;
  kind: string;
  status: JournalStatus;
  /** When the intent was written (ISO). */
  at: string;
  finishedAt?: string;
  /** Issue number / comment id the write produced, or the error. */
  result?: { issueNumber?: number; commentId?: number; error?: string };
}

export interface LockInfo {
  holder: string;
  expiresAt: string;
}

export interface GithubState {
  issueNumbers(repo: string): Promise<Record<string, number>>;
  setIssueNumber(repo: string, key: string, issueNumber: number): Promise<void>;
  /** Records (or re-records, on resume) the intent of a write. */
  journalIntent(entry: Omit<JournalEntry, 'status' | 'finishedAt' | 'result'>): Promise<void>;
  journalResult(repo: string, id: string, status: 'done' | 'failed', at: string, result?: JournalEntry['result']): Promise<void>;
  journalEntry(repo: string, id: string): Promise<JournalEntry | undefined>;
  /** Writes attempted (intents) at or after `since`, for the hourly budget. */
  writesSince(repo: string, since: string): Promise<number>;
  /** True when acquired: free, expired, or already ours. */
  acquireLock(repo: string, holder: string, now: string, ttlMs: number): Promise<boolean>;
  releaseLock(repo: string, holder: string): Promise<void>;
  lockInfo(repo: string): Promise<LockInfo | undefined>;
}

export class MemoryGithubState implements GithubState {
  private readonly numbers = new Map<string, Map<string, number>>();
  private readonly journal = new Map<string, JournalEntry>();
  private readonly locks = new Map<string, LockInfo>();

  async issueNumbers(repo: string): Promise<Record<string, number>> {
    return Object.fromEntries(this.numbers.get(repo) ?? []);
  }
  async setIssueNumber(repo: string, key: string, issueNumber: number): Promise<void> {
    let m = this.numbers.get(repo);
    if (!m) this.numbers.set(repo, (m = new Map()));
    m.set(key, issueNumber);
  }
  async journalIntent(e: Omit<JournalEntry, 'status' | 'finishedAt' | 'result'>): Promise<void> {
    this.journal.set(`${e.repo}\u0000${e.id}`, { ...e, status: 'intent' });
  }
  async journalResult(repo: string, id: string, status: 'done' | 'failed', at: string, result?: JournalEntry['result']): Promise<void> {
    const e = this.journal.get(`${repo}\u0000${id}`);
    if (e) this.journal.set(`${repo}\u0000${id}`, { ...e, status, finishedAt: at, ...(result ? { result } : {}) });
  }
  async journalEntry(repo: string, id: string): Promise<JournalEntry | undefined> {
    const e = this.journal.get(`${repo}\u0000${id}`);
    return e ? structuredClone(e) : undefined;
  }
  async writesSince(repo: string, since: string): Promise<number> {
    const t = Date.parse(since);
    return [...this.journal.values()].filter((e) => e.repo === repo && Date.parse(e.at) >= t).length;
  }
  async acquireLock(repo: string, holder: string, now: string, ttlMs: number): Promise<boolean> {
    const cur = this.locks.get(repo);
    if (cur && cur.holder !== holder && Date.parse(cur.expiresAt) > Date.parse(now)) return false;
    this.locks.set(repo, { holder, expiresAt: new Date(Date.parse(now) + ttlMs).toISOString() });
    return true;
  }
  async releaseLock(repo: string, holder: string): Promise<void> {
    if (this.locks.get(repo)?.holder === holder) this.locks.delete(repo);
  }
  async lockInfo(repo: string): Promise<LockInfo | undefined> {
    return this.locks.get(repo);
  }
  /** For tests: every journal entry. */
  entries(): JournalEntry[] {
    return [...this.journal.values()];
  }
}

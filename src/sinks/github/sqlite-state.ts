import type Database from 'better-sqlite3';
import { applyMigrations } from '../../store/sqlite/migrate.js';
import type { Migration } from '../../store/migrations/migration.js';
import type { GithubState, JournalEntry, LockInfo } from './state.js';

// GithubState in the project's SQLite file. Tables are registered through the store's versioned
// migrations under the "github/" namespace. The lock is one row per repository taken in an
// IMMEDIATE transaction, so two processes sharing the file cannot both hold it.

export const GITHUB_SQLITE_MIGRATIONS: Migration[] = [
  {
    id: 'github/001',
    sql: `
CREATE TABLE IF NOT EXISTS github_issue (
  repo TEXT NOT NULL,
  incident_key TEXT NOT NULL,
  issue_number INTEGER NOT NULL,
  PRIMARY KEY (repo, incident_key)
);
CREATE TABLE IF NOT EXISTS github_journal (
  repo TEXT NOT NULL,
  id TEXT NOT NULL,
  run_id TEXT NOT NULL,
  incident_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('intent', 'done', 'failed')),
  at TEXT NOT NULL,
  finished_at TEXT,
  result TEXT,
  PRIMARY KEY (repo, id)
);
CREATE INDEX IF NOT EXISTS github_journal_at ON github_journal (repo, at);
CREATE TABLE IF NOT EXISTS github_lock (
  repo TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at TEXT NOT NULL
);`,
  },
];

interface JournalRow {
  repo: string;
  id: string;
  run_id: string;
  incident_key: string;
  kind: string;
  status: JournalEntry['status'];
  at: string;
  finished_at: string | null;
  result: string | null;
}

export class SqliteGithubState implements GithubState {
  constructor(private readonly db: Database.Database) {
    applyMigrations(db, GITHUB_SQLITE_MIGRATIONS);
  }

  async issueNumbers(repo: string): Promise<Record<string, number>> {
    const rows = this.db.prepare('SELECT incident_key AS k, issue_number AS n FROM github_issue WHERE repo = ?').all(repo) as { k: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.k, r.n]));
  }
  async setIssueNumber(repo: string, key: string, issueNumber: number): Promise<void> {
    this.db
      .prepare('INSERT INTO github_issue (repo, incident_key, issue_number) VALUES (?, ?, ?) ON CONFLICT (repo, incident_key) DO UPDATE SET issue_number = excluded.issue_number')
      .run(repo, key, issueNumber);
  }
  async journalIntent(e: Omit<JournalEntry, 'status' | 'finishedAt' | 'result'>): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO github_journal (repo, id, run_id, incident_key, kind, status, at) VALUES (?, ?, ?, ?, ?, 'intent', ?)
         ON CONFLICT (repo, id) DO UPDATE SET run_id = excluded.run_id, status = 'intent', at = excluded.at, finished_at = NULL, result = NULL`,
      )
      .run(e.repo, e.id, e.runId, e.incidentKey, e.kind, e.at);
  }
  async journalResult(repo: string, id: string, status: 'done' | 'failed', at: string, result?: JournalEntry['result']): Promise<void> {
    this.db.prepare('UPDATE github_journal SET status = ?, finished_at = ?, result = ? WHERE repo = ? AND id = ?').run(status, at, result ? JSON.stringify(result) : null, repo, id);
  }
  async journalEntry(repo: string, id: string): Promise<JournalEntry | undefined> {
    const r = this.db.prepare('SELECT * FROM github_journal WHERE repo = ? AND id = ?').get(repo, id) as JournalRow | undefined;
    if (!r) return undefined;
    return {
      repo: r.repo,
      id: r.id,
      runId: r.run_id,
      incidentKey: r.incident_key,
      kind: r.kind,
      status: r.status,
      at: r.at,
      ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
      ...(r.result ? { result: JSON.parse(r.result) as JournalEntry['result'] } : {}),
    };
  }
  async writesSince(repo: string, since: string): Promise<number> {
    const r = this.db.prepare('SELECT COUNT(*) AS n FROM github_journal WHERE repo = ? AND at >= ?').get(repo, since) as { n: number };
    return r.n;
  }
  async acquireLock(repo: string, holder: string, now: string, ttlMs: number): Promise<boolean> {
    const take = this.db.transaction(() => {
      const cur = this.db.prepare('SELECT holder, expires_at FROM github_lock WHERE repo = ?').get(repo) as { holder: string; expires_at: string } | undefined;
      if (cur && cur.holder !== holder && Date.parse(cur.expires_at) > Date.parse(now)) return false;
      const expires = new Date(Date.parse(now) + ttlMs).toISOString();
      this.db.prepare('INSERT INTO github_lock (repo, holder, expires_at) VALUES (?, ?, ?) ON CONFLICT (repo) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at').run(repo, holder, expires);
      return true;
    });
    return take.immediate();
  }
  async releaseLock(repo: string, holder: string): Promise<void> {
    this.db.prepare('DELETE FROM github_lock WHERE repo = ? AND holder = ?').run(repo, holder);
  }
  async lockInfo(repo: string): Promise<LockInfo | undefined> {
    const r = this.db.prepare('SELECT holder, expires_at FROM github_lock WHERE repo = ?').get(repo) as { holder: string; expires_at: string } | undefined;
    return r ? { holder: r.holder, expiresAt: r.expires_at } : undefined;
  }
}

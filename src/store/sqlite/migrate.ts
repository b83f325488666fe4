import type Database from 'better-sqlite3';
import type { Migration } from '../migrations/migration.js';
import { checkMigrationList } from '../migrations/migration.js';
import { storeError } from '../validate.js';

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id TEXT PRIMARY KEY,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
)`;

/**
 * Applies each migration whose id is not yet in schema_migrations, in list order, each in its own
 * IMMEDIATE transaction (so two processes opening one file serialize, and the loser sees the id
 * recorded and skips it). Lists come from any module ("core/…", "github/…"). Returns the ids applied.
 */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[]): string[] {
  checkMigrationList(migrations);
  db.exec(CREATE_TABLE);
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE id = ?');
  const record = db.prepare('INSERT INTO schema_migrations (id) VALUES (?)');
  const applied: string[] = [];
  for (const m of migrations) {
    const apply = db.transaction(() => {
      if (isApplied.get(m.id) !== undefined) return false;
      db.exec(m.sql);
      record.run(m.id);
      return true;
    });
    try {
      if (apply.immediate()) applied.push(m.id);
    } catch (err) {
      throw storeError(`SQLite migration ${m.id} failed: ${(err as Error).message}`, 'the database was left at the previous migration', err);
    }
  }
  return applied;
}

export function appliedMigrations(db: Database.Database): string[] {
  db.exec(CREATE_TABLE);
  return (db.prepare('SELECT id FROM schema_migrations ORDER BY rowid').all() as { id: string }[]).map((r) => r.id);
}

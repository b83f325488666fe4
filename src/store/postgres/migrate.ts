import type { Pool, PoolClient } from 'pg';
import type { Migration } from '../migrations/migration.js';
import { checkMigrationList } from '../migrations/migration.js';
import { storeError } from '../validate.js';

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id TEXT PRIMARY KEY,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)`;

// One advisory lock per schema: two gardeners starting at once take turns; the second finds every
// id recorded and applies nothing. Session-level, so it is released even if a migration fails.
const LOCK = `hashtext(coalesce(current_schema(), '') || ':log-gardener:migrate')`;

/**
 * Applies each migration whose id is not yet in schema_migrations, in list order, each in its own
 * transaction, under an advisory lock. Lists come from any module ("core/…", "github/…").
 * Returns the ids applied.
 */
export async function applyPgMigrations(pool: Pool, migrations: readonly Migration[]): Promise<string[]> {
  checkMigrationList(migrations);
  const client = await pool.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${LOCK})`);
    try {
      await client.query(CREATE_TABLE);
      const done = new Set((await client.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id));
      const applied: string[] = [];
      for (const m of migrations) {
        if (done.has(m.id)) continue;
        await applyOne(client, m);
        applied.push(m.id);
      }
      return applied;
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${LOCK})`);
    }
  } finally {
    client.release();
  }
}

async function applyOne(client: PoolClient, m: Migration): Promise<void> {
  try {
    await client.query('BEGIN');
    await client.query(m.sql);
    await client.query('INSERT INTO schema_migrations (id) VALUES ($1)', [m.id]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw storeError(`PostgreSQL migration ${m.id} failed: ${(err as Error).message}`, 'the database was left at the previous migration', err);
  }
}

export async function appliedPgMigrations(pool: Pool): Promise<string[]> {
  await pool.query(CREATE_TABLE);
  return (await pool.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY applied_at, id')).rows.map((r) => r.id);
}

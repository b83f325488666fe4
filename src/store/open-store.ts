import { openMemoryStore } from './memory/memory-store.js';
import type { StoreOptions } from './options.js';
import { DEFAULT_STATE_PATH } from './options.js';
import type { Migration } from './migrations/migration.js';
import { openPostgresStore } from './postgres/postgres-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';
import { storeError } from './validate.js';

export interface OpenStoreOptions extends StoreOptions {
  /** Migrations owned by other modules, per dialect (the memory store ignores them). */
  migrations?: { sqlite?: Migration[]; postgres?: Migration[] };
}

/**
 * Chooses the backend from a location (the --state value):
 * - `postgres://…` or `postgresql://…` → PostgreSQL (`?schema=NAME` picks a schema);
 * - `:memory:` → the in-memory store (nothing persisted);
 * - `sqlite:PATH` or a plain path → SQLite at PATH (directories created); empty → .log-gardener/state.db.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const { migrations, ...rest } = options;
  if (/^postgres(ql)?:\/\//i.test(url)) return openPostgresStore(url, { ...rest, migrations: migrations?.postgres ?? [] });
  if (url === ':memory:') return openMemoryStore(rest);
  const path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    throw storeError(`unsupported state store URL ${JSON.stringify(url.replace(/\/\/[^@/]*@/, '//***@'))}`, 'use a file path, sqlite:PATH, postgres://… or :memory:');
  }
  return openSqliteStore(path === '' ? DEFAULT_STATE_PATH : path, { ...rest, migrations: migrations?.sqlite ?? [] });
}

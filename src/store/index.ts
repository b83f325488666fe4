// The store's public surface: pick a backend with openStore(url), or open one directly.
export type { Cursor, IncidentObservation, RunOutcome, RunRecord, Store, StoredRun, TemplateObservation } from './store.js';
export { openStore } from './open-store.js';
export type { OpenStoreOptions } from './open-store.js';
export { DEFAULT_STATE_PATH } from './options.js';
export type { StoreOptions } from './options.js';
export { countFresh } from './fresh-counts.js';
export type { DialectMigration, Migration } from './migrations/migration.js';
export { forDialect } from './migrations/migration.js';
export { MemoryStore, openMemoryStore } from './memory/memory-store.js';
export { SqliteStore, openSqliteStore } from './sqlite/sqlite-store.js';
export type { SqliteStoreOptions } from './sqlite/sqlite-store.js';
export { applyMigrations, appliedMigrations } from './sqlite/migrate.js';
export { PostgresStore, openPostgresStore } from './postgres/postgres-store.js';
export type { PostgresStoreOptions } from './postgres/postgres-store.js';
export { applyPgMigrations, appliedPgMigrations } from './postgres/migrate.js';

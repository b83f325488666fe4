// A versioned migration. Ids are namespaced by the module that owns them ("core/001", "github/001"),
// applied once each, in list order, each in its own transaction, and recorded in schema_migrations.
export interface Migration {
  id: string;
  sql: string;
}

export type Dialect = 'sqlite' | 'postgres';

/** One migration written for both backends side by side, so the two schemas stay obviously parallel. */
export interface DialectMigration {
  id: string;
  sqlite: string;
  postgres: string;
}

export function forDialect(list: readonly DialectMigration[], dialect: Dialect): Migration[] {
  return list.map((m) => ({ id: m.id, sql: m[dialect] }));
}

/** Rejects a list with duplicate or empty ids before anything is applied. */
export function checkMigrationList(list: readonly Migration[]): void {
  const seen = new Set<string>();
  for (const m of list) {
    if (m.id.trim() === '') throw new Error('migration with an empty id');
    if (seen.has(m.id)) throw new Error(`migration id listed twice: ${m.id}`);
    seen.add(m.id);
  }
}

import type { DialectMigration } from './migration.js';

// The store's own schema, both dialects side by side. Times are kept twice: the ISO string as given
// (verbatim) and its epoch milliseconds (*_ms) for comparisons. SQLite INTEGER is 64-bit; PostgreSQL
// needs BIGINT for the same range. Never edit an applied migration: append a new one.
export const coreMigrations: DialectMigration[] = [
  {
    id: 'core/001',
    sqlite: `
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  service TEXT NOT NULL,
  started_at TEXT NOT NULL,
  window_from TEXT NOT NULL,
  window_from_ms INTEGER NOT NULL,
  window_to TEXT NOT NULL,
  window_to_ms INTEGER NOT NULL,
  source TEXT NOT NULL,
  finished_at TEXT,
  status TEXT CHECK (status IN ('ok', 'partial', 'failed')),
  entries INTEGER,
  incidents INTEGER
);
CREATE INDEX runs_service ON runs (service, window_to_ms);

CREATE TABLE services (
  service TEXT PRIMARY KEY,
  last_seen_ms INTEGER,
  seen_horizon_ms INTEGER
);
CREATE TABLE service_minutes (
  service TEXT NOT NULL,
  minute_ms INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (service, minute_ms)
);

CREATE TABLE seen_entries (
  service TEXT NOT NULL,
  insert_id TEXT NOT NULL,
  time_ms INTEGER NOT NULL,
  PRIMARY KEY (service, insert_id)
) WITHOUT ROWID;
CREATE INDEX seen_entries_time ON seen_entries (service, time_ms);

CREATE TABLE templates (
  service TEXT NOT NULL,
  id TEXT NOT NULL,
  template TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  last_seen_ms INTEGER NOT NULL,
  total_count INTEGER NOT NULL,
  observed_minutes INTEGER NOT NULL,
  PRIMARY KEY (service, id)
);

CREATE TABLE miner_state (
  scope TEXT PRIMARY KEY,
  state TEXT NOT NULL
);

CREATE TABLE incidents (
  key TEXT PRIMARY KEY,
  service TEXT NOT NULL,
  title TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'resolved', 'ignored')),
  first_seen TEXT NOT NULL,
  first_seen_ms INTEGER NOT NULL,
  last_seen TEXT NOT NULL,
  last_seen_ms INTEGER NOT NULL,
  total_count INTEGER NOT NULL,
  resolved_at TEXT,
  issue_number INTEGER
);
CREATE INDEX incidents_service ON incidents (service);
CREATE TABLE incident_minutes (
  key TEXT NOT NULL REFERENCES incidents (key) ON DELETE CASCADE,
  minute_ms INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (key, minute_ms)
);
CREATE TABLE incident_revisions (
  key TEXT NOT NULL REFERENCES incidents (key) ON DELETE CASCADE,
  revision TEXT NOT NULL,
  PRIMARY KEY (key, revision)
);

CREATE TABLE revisions (
  service TEXT NOT NULL,
  name TEXT NOT NULL,
  first_logged TEXT NOT NULL,
  first_logged_ms INTEGER NOT NULL,
  PRIMARY KEY (service, name)
);

CREATE TABLE cursors (
  project TEXT NOT NULL,
  service TEXT NOT NULL,
  read_up_to TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (project, service)
);
`,
    postgres: `
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  service TEXT NOT NULL,
  started_at TEXT NOT NULL,
  window_from TEXT NOT NULL,
  window_from_ms BIGINT NOT NULL,
  window_to TEXT NOT NULL,
  window_to_ms BIGINT NOT NULL,
  source TEXT NOT NULL,
  finished_at TEXT,
  status TEXT CHECK (status IN ('ok', 'partial', 'failed')),
  entries BIGINT,
  incidents BIGINT
);
CREATE INDEX runs_service ON runs (service, window_to_ms);

CREATE TABLE services (
  service TEXT PRIMARY KEY,
  last_seen_ms BIGINT,
  seen_horizon_ms BIGINT
);
CREATE TABLE service_minutes (
  service TEXT NOT NULL,
  minute_ms BIGINT NOT NULL,
  count BIGINT NOT NULL,
  PRIMARY KEY (service, minute_ms)
);

CREATE TABLE seen_entries (
  service TEXT NOT NULL,
  insert_id TEXT NOT NULL,
  time_ms BIGINT NOT NULL,
  PRIMARY KEY (service, insert_id)
);
CREATE INDEX seen_entries_time ON seen_entries (service, time_ms);

CREATE TABLE templates (
  service TEXT NOT NULL,
  id TEXT NOT NULL,
  template TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  last_seen_ms BIGINT NOT NULL,
  total_count BIGINT NOT NULL,
  observed_minutes BIGINT NOT NULL,
  PRIMARY KEY (service, id)
);

CREATE TABLE miner_state (
  scope TEXT PRIMARY KEY,
  state TEXT NOT NULL
);

CREATE TABLE incidents (
  key TEXT PRIMARY KEY,
  service TEXT NOT NULL,
  title TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'resolved', 'ignored')),
  first_seen TEXT NOT NULL,
  first_seen_ms BIGINT NOT NULL,
  last_seen TEXT NOT NULL,
  last_seen_ms BIGINT NOT NULL,
  total_count BIGINT NOT NULL,
  resolved_at TEXT,
  issue_number INTEGER
);
CREATE INDEX incidents_service ON incidents (service);
CREATE TABLE incident_minutes (
  key TEXT NOT NULL REFERENCES incidents (key) ON DELETE CASCADE,
  minute_ms BIGINT NOT NULL,
  count BIGINT NOT NULL,
  PRIMARY KEY (key, minute_ms)
);
CREATE TABLE incident_revisions (
  key TEXT NOT NULL REFERENCES incidents (key) ON DELETE CASCADE,
  revision TEXT NOT NULL,
  PRIMARY KEY (key, revision)
);

CREATE TABLE revisions (
  service TEXT NOT NULL,
  name TEXT NOT NULL,
  first_logged TEXT NOT NULL,
  first_logged_ms BIGINT NOT NULL,
  PRIMARY KEY (service, name)
);

CREATE TABLE cursors (
  project TEXT NOT NULL,
  service TEXT NOT NULL,
  read_up_to TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (project, service)
);
`,
  },
];

// Library entry: types and pure functions, no side effects on import. The CLI (src/cli) and the
// run (src/app) are the I/O edges; everything re-exported here can be used on its own.
export * from './core/severity.js';
export * from './core/clock.js';
export * from './core/errors.js';
export type * from './core/record.js';
export type * from './core/incident.js';
export type * from './core/history.js';
export type * from './core/source.js';
export type * from './core/miner.js';
export type * from './report/model.js';
export { renderMarkdown, renderJson, renderHtml, renderWorklog, worklogPaths } from './report/index.js';
export { redactSecrets, neutralizeMentions, sanitizeForGithub, fence, inlineCode } from './safety/index.js';
export { createMiner, DEFAULT_MINER_CONFIG } from './mine/index.js';
export { normalizeEntry, parseStackTrace, foldTracebacks, openFileSource } from './ingest/index.js';
export { buildLoggingFilter, logsExplorerUrl } from './ingest/gcp/index.js';
export { createIncidentEngine, parseRules } from './incidents/index.js';
export { openStore } from './store/open-store.js';
export type { Store } from './store/store.js';
export { planGithubSync, renderIssueBody, parseIssueBody } from './sinks/github/index.js';
export { executeRun } from './app/run.js';
export type { RunRequest } from './app/request.js';

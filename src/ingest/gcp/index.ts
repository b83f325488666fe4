// Google Cloud Logging: query building, window resolution, the REST reader, the gcloud reader,
// auth/endpoint from the environment, Logs Explorer links and progress formatting.
// Readers yield RAW LogEntry objects; normalization into LogRecord happens in src/ingest.

export { buildLoggingFilter, quoteFilterValue, stderrLogName, DEFAULT_RESOURCE_TYPE } from './filter.js';
export type { LoggingQuery } from './filter.js';
export { resolveWindow, cursorAfterRead, DEFAULT_OVERLAP } from './window.js';
export type { WindowSpec, ResolvedWindow } from './window.js';
export { parseInstant, parseDuration, formatInstant } from './time.js';
export { readCloudLogging } from './rest-reader.js';
export type { CloudLoggingReadOptions, CloudLoggingRead } from './rest-reader.js';
export { readViaGcloud, gcloudArgs } from './gcloud-reader.js';
export type { GcloudReadOptions, GcloudRead } from './gcloud-reader.js';
export { tokenProviderFromEnv, tokenFileProvider, adcProvider, TOKEN_FILE_ENV, LOGGING_READ_SCOPE } from './auth.js';
export type { AccessTokenProvider, AdcClient } from './auth.js';
export { loggingEndpointFromEnv, entriesListUrl, DEFAULT_LOGGING_ENDPOINT, ENDPOINT_ENV } from './endpoint.js';
export { logsExplorerUrl } from './explorer-url.js';
export type { ExplorerLink } from './explorer-url.js';
export { formatProgress } from './progress.js';
export type { ReadProgress } from './progress.js';
export { RollingRateLimiter, backoffDelay, seededRandom, realSleep, DEFAULT_BACKOFF } from './pacing.js';
export type { Sleep, BackoffPolicy } from './pacing.js';
export { openCloudLogging } from './open.js';
export type { OpenCloudLoggingOptions, CloudLoggingSource } from './open.js';

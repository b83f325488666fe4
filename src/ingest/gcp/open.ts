import type { Clock } from '../../core/clock.js';
import type { Severity } from '../../core/severity.js';
import type { SourceCoverage } from '../../core/source.js';
import { tokenProviderFromEnv } from './auth.js';
import type { AccessTokenProvider } from './auth.js';
import { loggingEndpointFromEnv } from './endpoint.js';
import { logsExplorerUrl } from './explorer-url.js';
import { buildLoggingFilter } from './filter.js';
import { readViaGcloud } from './gcloud-reader.js';
import type { ReadProgress } from './progress.js';
import { readCloudLogging } from './rest-reader.js';
import type { Sleep } from './pacing.js';

// One call for the app/CLI: build the query for a service and window, pick the reader (REST or
// gcloud), and hand back the raw entries, coverage, the exact filter and its Logs Explorer link.

export interface OpenCloudLoggingOptions {
  project: string;
  service?: string;
  resourceType?: string;
  window: { from: string; to: string };
  minSeverity?: Severity;
  extraFilter?: string;
  /** "api" (default): REST with fetch; "gcloud": the installed gcloud CLI. */
  source?: 'api' | 'gcloud';
  /** Environment (the CLI passes process.env): CLOUDSDK_* and GOOGLE_APPLICATION_CREDENTIALS. */
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  sleep?: Sleep;
  onProgress?: (p: ReadProgress) => void;
  /** Overrides for tests. */
  tokens?: AccessTokenProvider;
  fetch?: typeof fetch;
  gcloudPath?: string;
}

export interface CloudLoggingSource {
  /** The exact query sent (the worklog shows it). */
  filter: string;
  /** Logs Explorer link for the whole window. */
  explorerUrl: string;
  entries(): AsyncIterable<unknown>;
  coverage(): SourceCoverage;
}

export function openCloudLogging(o: OpenCloudLoggingOptions): CloudLoggingSource {
  const filter = buildLoggingFilter({
    project: o.project,
    from: o.window.from,
    to: o.window.to,
    ...(o.service !== undefined ? { service: o.service } : {}),
    ...(o.resourceType !== undefined ? { resourceType: o.resourceType } : {}),
    ...(o.minSeverity !== undefined ? { minSeverity: o.minSeverity } : {}),
    ...(o.extraFilter !== undefined ? { extraFilter: o.extraFilter } : {}),
  });
  const input = `cloud-logging:${o.project}/${o.service ?? '*'}`;
  const explorerUrl = logsExplorerUrl({ project: o.project, query: filter, from: o.window.from, to: o.window.to });
  if (o.source === 'gcloud') {
    const env = Object.fromEntries(Object.entries(o.env).filter((kv): kv is [string, string] => kv[1] !== undefined));
    const g = readViaGcloud({ filter, project: o.project, from: o.window.from, to: o.window.to, env, input, ...(o.gcloudPath ? { gcloudPath: o.gcloudPath } : {}) });
    return { filter, explorerUrl, entries: g.entries, coverage: g.coverage };
  }
  const r = readCloudLogging({
    project: o.project,
    filter,
    endpoint: loggingEndpointFromEnv(o.env),
    tokens: o.tokens ?? tokenProviderFromEnv(o.env),
    clock: o.clock,
    input,
    ...(o.sleep ? { sleep: o.sleep } : {}),
    ...(o.fetch ? { fetch: o.fetch } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  return { filter, explorerUrl, entries: r.entries, coverage: r.coverage };
}

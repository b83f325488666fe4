import type { Severity } from '../core/severity.js';
import type { LogRecord } from '../core/record.js';
import type { RecordSource, SourceCoverage } from '../core/source.js';
import type { GardenerConfig } from '../config/schema.js';
import { foldTracebacks, normalizeEntry, MalformedEntryError } from '../ingest/index.js';
import {
  buildLoggingFilter,
  formatProgress,
  loggingEndpointFromEnv,
  readCloudLogging,
  readViaGcloud,
  tokenProviderFromEnv,
} from '../ingest/gcp/index.js';
import type { CloudSource } from './request.js';
import type { RunDeps } from './run.js';
import type { RunWindow } from './window.js';
import { isoInstant } from './time.js';

// Cloud Logging as a RecordSource: the raw entries of the REST or gcloud reader, normalized and
// with split tracebacks folded, exactly as file inputs are.

export async function openCloudSource(
  cloud: CloudSource,
  window: RunWindow,
  minSeverity: Severity | undefined,
  config: GardenerConfig,
  deps: RunDeps,
): Promise<RecordSource & { query: string }> {
  const from = isoInstant(window.fromMs!);
  const to = isoInstant(window.toMs!);
  const filter = buildLoggingFilter({
    project: cloud.project,
    service: cloud.service,
    resourceType: cloud.resourceType,
    from,
    to,
    ...(minSeverity !== undefined ? { minSeverity } : {}),
    ...(cloud.extraFilter !== undefined ? { extraFilter: cloud.extraFilter } : {}),
  });
  const reader =
    cloud.via === 'gcloud'
      ? readViaGcloud({ filter, project: cloud.project, from, to, env: deps.env })
      : readCloudLogging({
          project: cloud.project,
          filter,
          endpoint: loggingEndpointFromEnv(deps.env),
          tokens: tokenProviderFromEnv(deps.env),
          pageSize: config.gcp.pageSize,
          maxRequestsPerMinute: config.gcp.maxRequestsPerMinute,
          clock: deps.clock,
          ...(deps.fetch ? { fetch: deps.fetch } : {}),
          ...(deps.progress ? { onProgress: (p) => deps.progress!(formatProgress(p)) } : {}),
        });
  const input = `cloud-logging:${cloud.project}/${cloud.service}`;
  let records = 0;
  let folded = 0;
  let problemCount = 0;
  const problems: SourceCoverage['problems'] = [];

  async function* normalized(): AsyncIterable<LogRecord> {
    let index = 0;
    for await (const entry of reader.entries()) {
      index++;
      try {
        yield normalizeEntry(entry, { input, line: index });
      } catch (err) {
        if (!(err instanceof MalformedEntryError)) throw err;
        problemCount++;
        if (problems.length < 20) problems.push({ input, line: index, reason: err.message });
      }
    }
  }

  return {
    query: filter,
    async *records() {
      for await (const r of foldTracebacks(normalized())) {
        records++;
        folded += r.foldedInsertIds?.length ?? 0;
        yield r;
      }
    },
    coverage() {
      const c = reader.coverage();
      return [{ ...c, input, records, folded, problemCount: c.problemCount + problemCount, problems: [...c.problems, ...problems], query: filter }];
    },
  };
}

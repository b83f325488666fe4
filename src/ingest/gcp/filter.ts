import type { Severity } from '../../core/severity.js';
import { SEVERITY_NUMBERS } from '../../core/severity.js';
import { usageError } from '../../core/errors.js';

// Builds the Cloud Logging query for one service and window. In the Logging query language NOT
// binds tightest, then OR, then AND (`a AND b OR c` means `a AND (b OR c)`), so every clause is
// parenthesized before the clauses are joined with AND: nothing the user adds can change the
// meaning of what we add, and vice versa.

export interface LoggingQuery {
  project: string;
  service?: string;
  /** Monitored resource type; default cloud_run_revision. */
  resourceType?: string;
  /** Inclusive start, RFC 3339 UTC. */
  from: string;
  /** Exclusive end, RFC 3339 UTC. */
  to: string;
  /** Default WARNING. DEFAULT means no severity restriction at all. */
  minSeverity?: Severity;
  /** The user's own filter, ANDed in parentheses. */
  extraFilter?: string;
}

export const DEFAULT_RESOURCE_TYPE = 'cloud_run_revision';

/** The resource label that names the service, per monitored resource type. */
const SERVICE_LABEL: Record<string, string> = {
  cloud_run_revision: 'service_name',
  cloud_run_job: 'job_name',
  cloud_function: 'function_name',
  gae_app: 'module_id',
  k8s_container: 'container_name',
};

/** Quotes a value for the Logging query language (backslash and double quote escaped). */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Cloud Run's stderr log, where raw (severity-less) tracebacks land. The log id is URL-encoded in logName. */
export function stderrLogName(project: string): string {
  return `projects/${project}/logs/${encodeURIComponent('run.googleapis.com/stderr')}`;
}

export function buildLoggingFilter(q: LoggingQuery): string {
  if (!/^[a-z0-9.:-]+$/i.test(q.project)) {
    throw usageError(`invalid Google Cloud project id ${JSON.stringify(q.project)}`, 'pass the project id (not its name or number), e.g. --project my-project-123');
  }
  const resourceType = q.resourceType ?? DEFAULT_RESOURCE_TYPE;
  const clauses: string[] = [`resource.type = ${quoteFilterValue(resourceType)}`];
  if (q.service !== undefined && q.service !== '') {
    const label = SERVICE_LABEL[resourceType] ?? 'service_name';
    clauses.push(`resource.labels.${label} = ${quoteFilterValue(q.service)}`);
  }
  clauses.push(`timestamp >= ${quoteFilterValue(q.from)}`, `timestamp < ${quoteFilterValue(q.to)}`);
  const minSeverity = q.minSeverity ?? 'WARNING';
  if (SEVERITY_NUMBERS[minSeverity] > SEVERITY_NUMBERS.DEFAULT) {
    // Entries without a severity are DEFAULT; keep those on stderr, where Cloud Run puts raw tracebacks.
    clauses.push(
      `(severity >= ${minSeverity} OR (severity = DEFAULT AND logName = ${quoteFilterValue(stderrLogName(q.project))}))`,
    );
  }
  const extra = q.extraFilter?.trim();
  if (extra !== undefined && extra !== '') clauses.push(`(${extra})`);
  return clauses.join('\nAND ');
}

import { GardenerError } from '../../core/errors.js';

// Turns a Logging API error response into a typed error that says what failed and what to do.
// Google's error body: {"error": {"code": 403, "message": "...", "status": "PERMISSION_DENIED", "details": [...]}}.

export interface GoogleErrorBody {
  code?: number;
  message?: string;
  status?: string;
  details?: unknown[];
}

export function parseGoogleError(text: string): GoogleErrorBody | undefined {
  try {
    const json = JSON.parse(text) as unknown;
    if (json !== null && typeof json === 'object' && 'error' in json) {
      const e = (json as { error: unknown }).error;
      if (e !== null && typeof e === 'object') return e as GoogleErrorBody;
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): the caller falls back to the raw text.
  }
  return undefined;
}

/** Statuses worth retrying: quota (429) and transient server trouble. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** Google's RetryInfo detail ("retryDelay": "30s"), in ms, when present. */
export function retryInfoDelayMs(body: GoogleErrorBody | undefined): number | undefined {
  for (const d of body?.details ?? []) {
    if (d !== null && typeof d === 'object') {
      const rec = d as Record<string, unknown>;
      if (String(rec['@type']).endsWith('google.rpc.RetryInfo') && typeof rec.retryDelay === 'string') {
        const m = /^(\d+(?:\.\d+)?)s$/.exec(rec.retryDelay);
        if (m) return Math.round(Number(m[1]) * 1000);
      }
    }
  }
  return undefined;
}

/** Retry-After as delta-seconds or an HTTP date, in ms from `nowMs`. */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const v = header.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export function describeHttpFailure(status: number, bodyText: string, ctx: { project: string; url: string }): GardenerError {
  const body = parseGoogleError(bodyText);
  const server = body?.message ?? (bodyText.trim().slice(0, 300) || '(empty body)');
  const label = body?.status ? `${status} ${body.status}` : `HTTP ${status}`;
  const base = `Cloud Logging entries:list failed (${label}) for project ${ctx.project}: ${server}`;
  switch (status) {
    case 400:
      return new GardenerError('usage', base, {
        hint: 'the query was rejected; check --filter against https://cloud.google.com/logging/docs/view/logging-query-language',
      });
    case 401:
      return new GardenerError('auth', base, {
        hint: 'the access token is missing, invalid or expired: run `gcloud auth application-default login`, or refresh the file named by CLOUDSDK_AUTH_ACCESS_TOKEN_FILE',
      });
    case 403:
      return new GardenerError('auth', base, {
        hint: `the credentials may not read logs of ${ctx.project}: grant roles/logging.viewer (roles/logging.privateLogViewer for data-access logs) and check that the Cloud Logging API is enabled`,
      });
    case 404:
      return new GardenerError('config', base, { hint: `check the project id ${ctx.project} and the endpoint ${ctx.url}` });
    default:
      return new GardenerError('remote', base, { hint: 'the service kept failing after retries; try again later — what was read so far is kept' });
  }
}

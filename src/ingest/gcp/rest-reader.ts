import type { Clock } from '../../core/clock.js';
import { emptyCoverage, type SourceCoverage } from '../../core/source.js';
import { GardenerError } from '../../core/errors.js';
import type { AccessTokenProvider } from './auth.js';
import { describeHttpFailure, isRetryableStatus, parseGoogleError, retryAfterMs, retryInfoDelayMs } from './api-errors.js';
import { DEFAULT_LOGGING_ENDPOINT, entriesListUrl } from './endpoint.js';
import type { BackoffPolicy, Sleep } from './pacing.js';
import { DEFAULT_BACKOFF, RollingRateLimiter, backoffDelay, realSleep } from './pacing.js';
import type { ReadProgress } from './progress.js';

// Reads raw LogEntry objects from the Logging v2 REST API (POST v2/entries:list), one page at a
// time, oldest first. Normalization is the caller's: this yields the entries as the API sent them.
//
// Failure policy: a failure before anything was read throws (nothing to analyse; the message says
// what to do). A failure after some pages were read ends the stream early: what was read stays
// usable and coverage() says complete=false, readUpTo = the last entry's timestamp, and why.

export interface CloudLoggingReadOptions {
  project: string;
  filter: string;
  /** Base URL; default https://logging.googleapis.com/ (see loggingEndpointFromEnv). */
  endpoint?: string;
  tokens: AccessTokenProvider;
  /** At most 1000 (the API's limit). Default 1000. */
  pageSize?: number;
  orderBy?: 'timestamp asc' | 'timestamp desc';
  fetch?: typeof fetch;
  clock: Clock;
  sleep?: Sleep;
  /** Default 60, the API's per-project quota for entries:list. */
  maxRequestsPerMinute?: number;
  /** Abort a request that has not answered in this long, and retry it like a network error. Default 60 s. */
  requestTimeoutMs?: number;
  /** Retries per request after the first attempt. Default 5. */
  retries?: number;
  backoff?: BackoffPolicy;
  /** Jitter source in [0, 1); default Math.random. */
  random?: () => number;
  onProgress?: (p: ReadProgress) => void;
  /** Name in coverage; default "cloud-logging:<project>". */
  input?: string;
}

export interface CloudLoggingRead {
  entries(): AsyncIterable<unknown>;
  /** Valid once entries() is done (or has thrown). */
  coverage(): SourceCoverage;
  /** HTTP requests made, retries included. */
  requests(): number;
}

interface Page {
  entries: unknown[];
  nextPageToken?: string;
}

export function readCloudLogging(opts: CloudLoggingReadOptions): CloudLoggingRead {
  const pageSize = opts.pageSize ?? 1000;
  if (!(pageSize >= 1 && pageSize <= 1000)) throw new RangeError(`pageSize must be 1..1000, got ${pageSize}`);
  const url = entriesListUrl(opts.endpoint ?? DEFAULT_LOGGING_ENDPOINT);
  const doFetch = opts.fetch ?? fetch;
  const sleep = opts.sleep ?? realSleep;
  const random = opts.random ?? Math.random;
  const retries = opts.retries ?? 5;
  const backoff = opts.backoff ?? DEFAULT_BACKOFF;
  const limiter = new RollingRateLimiter(opts.maxRequestsPerMinute ?? 60, 60_000, opts.clock, sleep);

  const cov: SourceCoverage = emptyCoverage(opts.input ?? `cloud-logging:${opts.project}`, 'cloud-logging-api', opts.filter);
  let pages = 0;
  let requestCount = 0;
  let startedMs = 0;

  const progress = (waiting?: ReadProgress['waiting']) => {
    if (!opts.onProgress) return;
    const elapsed = (opts.clock.now().getTime() - startedMs) / 1000;
    opts.onProgress({ pages, entries: cov.entries, entriesPerSecond: elapsed > 0 ? cov.entries / elapsed : 0, ...(waiting ? { waiting } : {}) });
  };

  let quotaHeader: Record<string, string> | undefined;

  async function fetchPage(pageToken: string | undefined): Promise<Page> {
    if (quotaHeader === undefined) {
      const q = await opts.tokens.quotaProject?.();
      const project = q === 'CURRENT_PROJECT' ? opts.project : q;
      quotaHeader = project ? { 'x-goog-user-project': project } : {};
    }
    const body = JSON.stringify({
      resourceNames: [`projects/${opts.project}`],
      filter: opts.filter,
      orderBy: opts.orderBy ?? 'timestamp asc',
      pageSize,
      ...(pageToken !== undefined ? { pageToken } : {}),
    });
    for (let attempt = 0; ; attempt++) {
      const waited = await limiter.acquire();
      if (waited > 0) progress({ reason: 'pacing to 60 requests/minute', ms: waited });
      const token = await opts.tokens.getToken();
      requestCount++;
      let res: Response;
      try {
        res = await doFetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json', ...quotaHeader },
          body,
          signal: AbortSignal.timeout(opts.requestTimeoutMs ?? 60_000),
        });
      } catch (cause) {
        if (attempt >= retries) {
          throw new GardenerError('remote', `cannot reach Cloud Logging at ${url}: ${errorText(cause)}`, {
            hint: 'check the network (or CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING); what was read so far is kept',
            cause,
          });
        }
        const delay = backoffDelay(attempt, random, backoff);
        progress({ reason: `network error (${errorText(cause)}), retry ${attempt + 1}/${retries}`, ms: delay });
        await sleep(delay);
        continue;
      }
      const text = await res.text();
      if (res.ok) {
        try {
          return parsePage(text, url);
        } catch (err) {
          // A 200 with a body that is not a page (cut off by a proxy, say) is retried like a network error.
          if (attempt >= retries) throw err;
          const delay = backoffDelay(attempt, random, backoff);
          progress({ reason: `unreadable response, retry ${attempt + 1}/${retries}`, ms: delay });
          await sleep(delay);
          continue;
        }
      }
      if (isRetryableStatus(res.status) && attempt < retries) {
        const server = retryAfterMs(res.headers.get('retry-after'), opts.clock.now().getTime()) ?? retryInfoDelayMs(parseGoogleError(text));
        const delay = backoffDelay(attempt, random, backoff, server);
        progress({ reason: `HTTP ${res.status}, retry ${attempt + 1}/${retries}`, ms: delay });
        await sleep(delay);
        continue;
      }
      throw describeHttpFailure(res.status, text, { project: opts.project, url });
    }
  }

  async function* entries(): AsyncIterable<unknown> {
    startedMs = opts.clock.now().getTime();
    let pageToken: string | undefined;
    let lastTimestamp: string | undefined;
    do {
      let page: Page;
      try {
        page = await fetchPage(pageToken);
      } catch (err) {
        if (pages === 0) {
          cov.error = errorText(err);
          throw err;
        }
        // Keep what was read: the stream ends here and coverage tells how far it got.
        cov.error = errorText(err);
        if (lastTimestamp !== undefined) cov.readUpTo = lastTimestamp;
        cov.note = `read stopped after ${pages} page(s) and ${cov.entries} entries`;
        return;
      }
      pages++;
      for (const entry of page.entries) {
        cov.entries++;
        cov.records++;
        const ts = (entry as { timestamp?: unknown } | null)?.timestamp;
        if (typeof ts === 'string') lastTimestamp = ts;
        yield entry;
      }
      progress();
      // An empty page with a token is normal (the backend scanned without a match yet): continue.
      pageToken = page.nextPageToken !== undefined && page.nextPageToken !== '' ? page.nextPageToken : undefined;
    } while (pageToken !== undefined);
    cov.complete = true;
  }

  return { entries, coverage: () => ({ ...cov, problems: [...cov.problems] }), requests: () => requestCount };
}

function parsePage(text: string, url: string): Page {
  let json: unknown;
  try {
    json = JSON.parse(text === '' ? '{}' : text);
  } catch (cause) {
    throw new GardenerError('remote', `Cloud Logging at ${url} answered with a body that is not JSON: ${text.slice(0, 200)}`, { cause });
  }
  if (json === null || typeof json !== 'object') throw new GardenerError('remote', `Cloud Logging at ${url} answered with an unexpected body`);
  const { entries, nextPageToken } = json as { entries?: unknown; nextPageToken?: unknown };
  if (entries !== undefined && !Array.isArray(entries)) throw new GardenerError('remote', `Cloud Logging at ${url}: "entries" is not an array`);
  return { entries: entries ?? [], ...(typeof nextPageToken === 'string' ? { nextPageToken } : {}) };
}

function errorText(err: unknown): string {
  if (err instanceof GardenerError) return err.hint ? `${err.message} (${err.hint})` : err.message;
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.message}${cause}`;
  }
  return String(err);
}

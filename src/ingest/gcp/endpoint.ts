import { GardenerError } from '../../core/errors.js';

// The Logging API base URL, read the way gcloud reads CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING:
// the override replaces the base URL (https://logging.googleapis.com/), a trailing slash is
// added when missing, and the method's relative path "v2/entries:list" is appended. So
// "http://127.0.0.1:8080" and "http://127.0.0.1:8080/" both mean http://127.0.0.1:8080/v2/entries:list.

export const DEFAULT_LOGGING_ENDPOINT = 'https://logging.googleapis.com/';
export const ENDPOINT_ENV = 'CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING';

export function loggingEndpointFromEnv(env: Readonly<Record<string, string | undefined>>): string {
  const override = env[ENDPOINT_ENV]?.trim();
  if (override === undefined || override === '') return DEFAULT_LOGGING_ENDPOINT;
  let url: URL;
  try {
    url = new URL(override);
  } catch (cause) {
    throw new GardenerError('config', `${ENDPOINT_ENV}=${JSON.stringify(override)} is not a URL`, {
      hint: 'set it to a base URL such as http://127.0.0.1:8080/ (or unset it to use https://logging.googleapis.com/)',
      cause,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new GardenerError('config', `${ENDPOINT_ENV}=${JSON.stringify(override)} must be an http(s) URL`);
  }
  return override.endsWith('/') ? override : `${override}/`;
}

/** The entries:list URL under a base endpoint (as apitools joins base and relative path). */
export function entriesListUrl(endpoint: string): string {
  return `${endpoint.endsWith('/') ? endpoint : `${endpoint}/`}v2/entries:list`;
}

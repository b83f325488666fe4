import { readFile as fsReadFile } from 'node:fs/promises';
import { GoogleAuth } from 'google-auth-library';
import { GardenerError } from '../../core/errors.js';

// Access tokens for the Logging API. CLOUDSDK_AUTH_ACCESS_TOKEN_FILE wins, as it does for gcloud
// (a file holding a bare access token; re-read on every request so an external refresher can
// rotate it). Otherwise Application Default Credentials via google-auth-library:
// GOOGLE_APPLICATION_CREDENTIALS, the gcloud ADC file, then the metadata server (Cloud Run, GCE).

export interface AccessTokenProvider {
  /** Returns a bearer token; throws a GardenerError('auth') with what to do when none can be had. */
  getToken(): Promise<string>;
  /** Where the token comes from, for messages ("token file /x", "application default credentials"). */
  readonly description: string;
  /**
   * The project billed for quota (sent as x-goog-user-project), when one is configured: what Google's
   * client libraries send for user credentials that carry a quota project. "CURRENT_PROJECT" means
   * the project being read.
   */
  quotaProject?(): Promise<string | undefined>;
}

export const TOKEN_FILE_ENV = 'CLOUDSDK_AUTH_ACCESS_TOKEN_FILE';
export const LOGGING_READ_SCOPE = 'https://www.googleapis.com/auth/logging.read';

const ADC_HINT =
  'run `gcloud auth application-default login`, set GOOGLE_APPLICATION_CREDENTIALS to a service-account key, ' +
  `or set ${TOKEN_FILE_ENV} to a file holding an access token (e.g. from \`gcloud auth print-access-token\`)`;

export function tokenFileProvider(
  path: string,
  readFile: (p: string) => Promise<string> = (p) => fsReadFile(p, 'utf8'),
  quotaProject?: string,
): AccessTokenProvider {
  return {
    description: `access token file ${path} (${TOKEN_FILE_ENV})`,
    quotaProject: async () => quotaProject,
    async getToken() {
      let text: string;
      try {
        text = await readFile(path);
      } catch (cause) {
        throw new GardenerError('auth', `cannot read the access token file ${path} named by ${TOKEN_FILE_ENV}`, { hint: ADC_HINT, cause });
      }
      const token = text.trim();
      if (token === '') throw new GardenerError('auth', `the access token file ${path} is empty`, { hint: ADC_HINT });
      return token;
    },
  };
}

/** Minimal view of GoogleAuth, so tests can inject a stand-in. */
export interface AdcClient {
  getAccessToken(): Promise<string | null | undefined>;
  /** The resolved credential; its quotaProjectId comes from the ADC file's quota_project_id. */
  getClient?(): Promise<{ quotaProjectId?: string | undefined }>;
}

export function adcProvider(client?: AdcClient, keyFilename?: string, quotaProject?: string): AccessTokenProvider {
  const auth: AdcClient = client ?? new GoogleAuth({ scopes: [LOGGING_READ_SCOPE], ...(keyFilename ? { keyFilename } : {}) });
  return {
    description: keyFilename ? `service-account key ${keyFilename} (GOOGLE_APPLICATION_CREDENTIALS)` : 'application default credentials',
    async quotaProject() {
      if (quotaProject !== undefined) return quotaProject;
      try {
        return (await auth.getClient?.())?.quotaProjectId || undefined;
      } catch {
        return undefined; // no credentials: getToken reports that, with what to do
      }
    },
    async getToken() {
      let token: string | null | undefined;
      try {
        token = await auth.getAccessToken();
      } catch (cause) {
        const why = cause instanceof Error ? cause.message : String(cause);
        throw new GardenerError('auth', `no Google credentials: ${why}`, { hint: ADC_HINT, cause });
      }
      if (!token) throw new GardenerError('auth', 'application default credentials returned no access token', { hint: ADC_HINT });
      return token;
    },
  };
}

/** Picks the token source from an env object (the CLI passes process.env; library code never reads it). */
export function tokenProviderFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  deps: { readFile?: (p: string) => Promise<string>; adc?: AdcClient } = {},
): AccessTokenProvider {
  // gcloud's billing/quota_project property; "LEGACY" means none. Then the client libraries' variable.
  const gcloudQuota = env.CLOUDSDK_BILLING_QUOTA_PROJECT?.trim();
  const quota = (gcloudQuota && gcloudQuota !== 'LEGACY' ? gcloudQuota : undefined) ?? (env.GOOGLE_CLOUD_QUOTA_PROJECT?.trim() || undefined);
  const file = env[TOKEN_FILE_ENV]?.trim();
  if (file) return tokenFileProvider(file, deps.readFile, quota);
  const key = env.GOOGLE_APPLICATION_CREDENTIALS?.trim();
  return adcProvider(deps.adc, key || undefined, quota);
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GardenerError } from '../../core/errors.js';
import { tokenProviderFromEnv } from './auth.js';
import { DEFAULT_LOGGING_ENDPOINT, entriesListUrl, loggingEndpointFromEnv } from './endpoint.js';

test('CLOUDSDK_AUTH_ACCESS_TOKEN_FILE wins and is read (trimmed) on every request', async () => {
  let content = 'ya29.first\n';
  const reads: string[] = [];
  const p = tokenProviderFromEnv(
    { CLOUDSDK_AUTH_ACCESS_TOKEN_FILE: '/secrets/token', GOOGLE_APPLICATION_CREDENTIALS: '/key.json' },
    { readFile: async (path) => (reads.push(path), content), adc: { getAccessToken: async () => 'adc-token' } },
  );
  assert.equal(await p.getToken(), 'ya29.first');
  content = 'ya29.rotated';
  assert.equal(await p.getToken(), 'ya29.rotated');
  assert.deepEqual(reads, ['/secrets/token', '/secrets/token']);
  assert.match(p.description, /CLOUDSDK_AUTH_ACCESS_TOKEN_FILE/);
});

test('an empty or unreadable token file is an auth error that says what to do', async () => {
  const empty = tokenProviderFromEnv({ CLOUDSDK_AUTH_ACCESS_TOKEN_FILE: '/t' }, { readFile: async () => ' \n' });
  await assert.rejects(empty.getToken(), (e: unknown) => e instanceof GardenerError && e.kind === 'auth' && /is empty/.test(e.message));
  const missing = tokenProviderFromEnv({ CLOUDSDK_AUTH_ACCESS_TOKEN_FILE: '/t' }, { readFile: async () => { throw new Error('ENOENT'); } });
  await assert.rejects(missing.getToken(), (e: unknown) => e instanceof GardenerError && /gcloud auth application-default login/.test(e.hint ?? ''));
});

test('otherwise application default credentials; their failure becomes an auth error', async () => {
  assert.equal(await tokenProviderFromEnv({}, { adc: { getAccessToken: async () => 'adc-token' } }).getToken(), 'adc-token');
  const failing = tokenProviderFromEnv({}, { adc: { getAccessToken: async () => { throw new Error('Could not load the default credentials.'); } } });
  await assert.rejects(failing.getToken(), (e: unknown) => e instanceof GardenerError && e.kind === 'auth' && /Could not load the default credentials/.test(e.message));
});

test('the endpoint override is read as gcloud reads it', () => {
  assert.equal(loggingEndpointFromEnv({}), DEFAULT_LOGGING_ENDPOINT);
  assert.equal(loggingEndpointFromEnv({ CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING: '' }), DEFAULT_LOGGING_ENDPOINT);
  assert.equal(entriesListUrl(loggingEndpointFromEnv({})), 'https://logging.googleapis.com/v2/entries:list');
  assert.equal(entriesListUrl(loggingEndpointFromEnv({ CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING: 'http://127.0.0.1:8080/' })), 'http://127.0.0.1:8080/v2/entries:list');
  // gcloud itself insists on the trailing slash; we add it rather than refuse.
  assert.equal(entriesListUrl(loggingEndpointFromEnv({ CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING: 'http://127.0.0.1:8080' })), 'http://127.0.0.1:8080/v2/entries:list');
  assert.equal(entriesListUrl(loggingEndpointFromEnv({ CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING: 'https://proxy.example/logging/' })), 'https://proxy.example/logging/v2/entries:list');
  assert.throws(() => loggingEndpointFromEnv({ CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING: 'logging.local' }), /is not a URL/);
  assert.throws(() => loggingEndpointFromEnv({ CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING: 'ftp://x/' }), /http\(s\)/);
});

test('a quota project from gcloud\'s property, the client-library variable, or the ADC file', async () => {
  const adc = { getAccessToken: async () => 't', getClient: async () => ({ quotaProjectId: 'from-adc-file' }) };
  assert.equal(await tokenProviderFromEnv({}, { adc }).quotaProject?.(), 'from-adc-file');
  assert.equal(await tokenProviderFromEnv({ GOOGLE_CLOUD_QUOTA_PROJECT: 'billing-1' }, { adc }).quotaProject?.(), 'billing-1');
  assert.equal(await tokenProviderFromEnv({ CLOUDSDK_BILLING_QUOTA_PROJECT: 'billing-2', GOOGLE_CLOUD_QUOTA_PROJECT: 'billing-1' }, { adc }).quotaProject?.(), 'billing-2');
  assert.equal(await tokenProviderFromEnv({ CLOUDSDK_AUTH_ACCESS_TOKEN_FILE: '/t', CLOUDSDK_BILLING_QUOTA_PROJECT: 'LEGACY' }).quotaProject?.(), undefined);
  assert.equal(await tokenProviderFromEnv({ CLOUDSDK_AUTH_ACCESS_TOKEN_FILE: '/t' }).quotaProject?.(), undefined);
});

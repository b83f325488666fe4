import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logsExplorerUrl } from './explorer-url.js';

test('Logs Explorer link: encoded query, ISO time range with %2F, project parameter', () => {
  const url = logsExplorerUrl({
    project: 'demo-project',
    query: 'resource.type = "cloud_run_revision"\nAND (severity >= ERROR OR textPayload:"a;b")',
    from: '2025-09-07T13:00:00.000Z',
    to: '2025-09-07T14:00:00.000Z',
  });
  assert.equal(
    url,
    'https://console.cloud.google.com/logs/query;query=resource.type%20%3D%20%22cloud_run_revision%22%0AAND%20%28severity%20%3E%3D%20ERROR%20OR%20textPayload%3A%22a%3Bb%22%29' +
      ';timeRange=2025-09-07T13%3A00%3A00.000Z%2F2025-09-07T14%3A00%3A00.000Z?project=demo-project',
  );
  // Nothing in the query can end the matrix parameter or break a Markdown link.
  const q = url.slice(url.indexOf(';query=') + 7, url.indexOf(';timeRange='));
  assert.doesNotMatch(q, /[;()\s"?]/);
  assert.equal(decodeURIComponent(q), 'resource.type = "cloud_run_revision"\nAND (severity >= ERROR OR textPayload:"a;b")');
});

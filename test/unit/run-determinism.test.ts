import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openMemoryStore } from '../../src/store/memory/memory-store.js';
import { repoRoot, runOn, tempDir } from '../helpers/run.js';

// Issue 2, must-show 4: the same input and store give byte-identical worklogs.

const demo = join(repoRoot, 'samples/cloud-run-demo.json');

test('two runs on the bundled sample with equal stores write byte-identical .md, .json and .html', async () => {
  const a = await runOn([demo], { out: tempDir(), store: await openMemoryStore() });
  const b = await runOn([demo], { out: tempDir(), store: await openMemoryStore() });
  assert.equal(a.files.length, 3);
  assert.deepEqual(a.files.map((f) => f.split('/').slice(-2).join('/')), b.files.map((f) => f.split('/').slice(-2).join('/')));
  for (let i = 0; i < a.files.length; i++) {
    assert.equal(readFileSync(a.files[i]!, 'utf8'), readFileSync(b.files[i]!, 'utf8'), `${a.files[i]} differs`);
  }
  // The worklog is named after the service and the exact UTC window.
  assert.match(a.files[0]!, /demo-api\/\d{8}T\d{6}Z--\d{8}T\d{6}Z\.md$/);
});

test('docs/worklog-example.md is the worklog a first run on the bundled sample writes (UPDATE_GOLDEN=1 rewrites it)', async () => {
  const { writeFileSync } = await import('node:fs');
  const docPath = join(repoRoot, 'docs/worklog-example.md');
  // The input is named as `npm start` names it, relative to the repository.
  const { relative } = await import('node:path');
  const run = await runOn([relative(process.cwd(), demo)], { out: tempDir(), store: await openMemoryStore() });
  const md = readFileSync(run.files.find((f) => f.endsWith('.md'))!, 'utf8');
  const header = '<!-- The worklog `npm start` writes for samples/cloud-run-demo.json, unedited. Regenerate: UPDATE_GOLDEN=1 npm test -->\n\n';
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(docPath, header + md);
  assert.equal(readFileSync(docPath, 'utf8'), header + md);
});

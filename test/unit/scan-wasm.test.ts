// The committed WebAssembly scan (src/mine/scan-wasm.ts) is what assembly/scan.ts compiles to:
// a change to the AssemblyScript source that was not rebuilt (`npm run build:wasm`) fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
// @ts-expect-error: a plain ESM script without types
import { TARGET, compileScan, moduleSource } from '../../scripts/build-wasm.mjs';

test('src/mine/scan-wasm.ts holds a fresh compile of assembly/scan.ts', async () => {
  const bytes = (await compileScan()) as Buffer;
  assert.ok(bytes.length > 0);
  assert.equal(readFileSync(TARGET as string, 'utf8'), moduleSource(bytes) as string, 'run `npm run build:wasm` and commit src/mine/scan-wasm.ts');
});

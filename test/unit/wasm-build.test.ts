// The committed WebAssembly modules (scan-wasm.ts, csv-wasm.ts, sha256-wasm.ts) are what
// assembly/*.ts compile to: a change to the AssemblyScript sources that was not rebuilt
// (`npm run build:wasm`) fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
// @ts-expect-error: a plain ESM script without types
import { MODULES, compile, moduleSource } from '../../scripts/build-wasm.mjs';

for (const mod of MODULES as { source: string; target: string }[]) {
  test(`${mod.target.replace(/.*\/src\//, 'src/')} holds a fresh compile of ${mod.source}`, async () => {
    const bytes = (await compile(mod)) as Buffer;
    assert.ok(bytes.length > 0);
    assert.equal(readFileSync(mod.target, 'utf8'), moduleSource(mod, bytes) as string, 'run `npm run build:wasm` and commit the result');
  });
}

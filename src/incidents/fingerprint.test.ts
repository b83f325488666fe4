import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exceptionFingerprint, fingerprintOf, maskMessage, requestFingerprint } from './fingerprint.js';
import { normalizeFunction, normalizePath, topInAppFrames } from './frames.js';
import { routePattern } from './route.js';
import { pyException, pyFrame, rec } from './testdata/make-record.js';

test('paths lose site roots, line numbers and build hashes', () => {
  assert.equal(normalizePath('/app/app/services/x.py'), 'app/services/x.py');
  assert.equal(normalizePath('/workspace/src/handler.ts:12:7'), 'src/handler.ts');
  assert.equal(normalizePath('/srv/node_modules/express/lib/router.js'), 'express/lib/router.js');
  assert.equal(normalizePath('/app/dist/main.3f9a1c2b.js'), 'dist/main.js');
});

test('generated function names are folded', () => {
  assert.equal(normalizeFunction('Object.<anonymous>'), 'Object.<anon>');
  assert.equal(normalizeFunction('main.handler.func3'), 'main.handler.func');
  assert.equal(normalizeFunction('async processBatch'), 'processBatch');
  assert.equal(normalizeFunction(undefined), '?');
});

test('exception fingerprint: type + top in-app frames, innermost first, recursion collapsed', () => {
  const frames = [
    pyFrame('/usr/local/lib/python3.11/site-packages/gunicorn/arbiter.py', 'spawn_worker', 609),
    pyFrame('/app/app/api.py', 'handle', 10),
    pyFrame('/app/app/tree.py', 'walk', 20),
    pyFrame('/app/app/tree.py', 'walk', 20),
    pyFrame('/app/app/tree.py', 'walk', 20),
    pyFrame('/usr/local/lib/python3.11/site-packages/lib/x.py', 'inner', 5),
  ];
  const ex = pyException('RecursionError', 'maximum recursion depth exceeded', frames);
  assert.deepEqual(topInAppFrames(ex, 3), ['app/tree:walk', 'app/api:handle']);
  const fp = exceptionFingerprint(rec({ exception: ex }));
  assert.equal(fp?.kind, 'exception');
  assert.equal(fp?.basis, 'RecursionError | app/tree:walk < app/api:handle');
});

test('exception fingerprint ignores line numbers and message values when frames exist', () => {
  const a = pyException('KeyError', "'user_1'", [pyFrame('/app/app/h.py', 'get', 10)]);
  const b = pyException('KeyError', "'user_2'", [pyFrame('/srv/app/h.py', 'get', 99)]);
  assert.equal(exceptionFingerprint(rec({ exception: a }))?.basis, exceptionFingerprint(rec({ exception: b }))?.basis);
});

test('without in-app frames the masked message tells failures apart', () => {
  const lib = [pyFrame('/usr/local/lib/python3.11/site-packages/gunicorn/util.py', 'import_app')];
  const a = exceptionFingerprint(rec({ exception: pyException('ModuleNotFoundError', "No module named 'app.a'", lib) }));
  const b = exceptionFingerprint(rec({ exception: pyException('ModuleNotFoundError', "No module named 'app.b'", lib) }));
  assert.notEqual(a?.basis, b?.basis);
  assert.equal(maskMessage('timeout after 30.5s for id 0x1f at 10.0.0.1:5432'), 'timeout after <num>s for id <hex> at <ip>');
});

test('request fingerprint: method + masked route + status class', () => {
  const r = (url: string, status: number) => rec({ http: { method: 'get', url, status }, logKind: 'requests' });
  assert.equal(requestFingerprint(r('https://x.run.app/api/users/123/orders?page=2', 503))?.basis, 'GET /api/users/<num>/orders 5xx');
  assert.equal(
    requestFingerprint(r('https://x.run.app/api/users/9/orders', 502))?.basis,
    requestFingerprint(r('https://x.run.app/api/users/77/orders', 500))?.basis,
  );
  assert.equal(routePattern('/v1/items/3f2a9c1e-7b6d-4e2f-9a1b-2c3d4e5f6a7b'), '/v1/items/<uuid>');
  assert.equal(routePattern('/files/a1b2c3d4e5f6a7b8c9d0'), '/files/<hex>');
  assert.equal(routePattern('/v1/orders/ord_4e87c233d4'), '/v1/orders/<id>');
  assert.equal(routePattern('/customers/cus-9Xa81b2c/cards'), '/customers/<id>/cards');
  assert.equal(routePattern('/v2/oauth2/token'), '/v2/oauth2/token');
  assert.equal(routePattern('/api/build-42/status'), '/api/build-42/status');
});

test('otherwise the template id, with the record role', () => {
  const fp = fingerprintOf(rec({ message: 'Container called exit(3).' }), 'tpl1');
  assert.deepEqual(fp, { version: 1, kind: 'template', basis: 'tpl1 exit' });
  assert.equal(fingerprintOf(rec({ message: 'hello' }), 'tpl2').basis, 'tpl2 plain');
});

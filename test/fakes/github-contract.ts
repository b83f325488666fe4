import assert from 'node:assert/strict';
import type { FakeGithub } from './github-server.js';
import { declaredQueryParameters, validateRequestBody, validateResponseBody } from './openapi.js';

// Checks every exchange the fake recorded against GitHub's OpenAPI description: request bodies our
// client sent, response bodies the fake returned, and that every query parameter is one the
// operation declares. Call it at the end of any test that talked to the fake.
export function assertTrafficMatchesOpenApi(fake: FakeGithub): number {
  let checked = 0;
  for (const r of fake.requests) {
    if (r.outcome === 'reset' || r.route === '') continue;
    const where = `${r.method} ${r.path}?${new URLSearchParams(r.query).toString()} -> ${r.status}`;
    if (r.write) {
      const req = validateRequestBody(r.route, r.method, r.body);
      assert.ok(req.ok, `request body of ${where} does not match GitHub's OpenAPI description:\n${req.errors}\n${JSON.stringify(r.body).slice(0, 500)}`);
    }
    const declared = declaredQueryParameters(r.route, r.method);
    for (const q of Object.keys(r.query)) assert.ok(declared.includes(q), `${where}: query parameter "${q}" is not declared by the operation`);
    const res = validateResponseBody(r.route, r.method, r.status, r.responseBody);
    assert.ok(res.ok, `response body of ${where} does not match GitHub's OpenAPI description:\n${res.errors}`);
    checked++;
  }
  return checked;
}

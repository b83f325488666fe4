import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// Validates requests and responses against GitHub's official OpenAPI description, from the
// installed @octokit/openapi package (api.github.com). Only the schemas an operation reaches are
// bundled (its $refs followed transitively) and compiled with ajv + ajv-formats. Leniency follows
// the spec: OpenAPI 3.0's `nullable` is honoured (also next to `enum`), additionalProperties is
// whatever the spec says. Statuses an operation does not describe (e.g. 429) are checked against
// GitHub's generic `basic-error`.

type Json = Record<string, unknown>;

const require = createRequire(import.meta.url);
const specPath = require.resolve('@octokit/openapi/generated/api.github.com.json');
let spec: Json | undefined;
function loadSpec(): Json {
  spec ??= JSON.parse(readFileSync(specPath, 'utf8')) as Json;
  return spec;
}

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
const cache = new Map<string, ValidateFunction>();

function resolvePointer(root: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`external $ref not supported: ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    node = (node as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return node;
}

/** Follows a top-level $ref (responses, requestBodies, parameters are referenced too). */
function deref<T>(node: unknown): T {
  let n = node as Json;
  while (n && typeof n.$ref === 'string') n = resolvePointer(loadSpec(), n.$ref) as Json;
  return n as T;
}

/** OpenAPI 3.0 `nullable: true` means null is allowed; ajv needs that spelt out next to enum/oneOf. */
function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) out[k] = k === 'example' || k === 'examples' ? undefined : normalize(v);
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  // `nullable` without `type` (next to oneOf/allOf/$ref) means "this, or null".
  if (out.nullable === true && out.type === undefined) {
    const { nullable: _n, ...rest } = out;
    return { anyOf: [rest, { type: 'null' }] };
  }
  return out;
}

function bundle(schema: unknown): Json {
  const root = loadSpec();
  const schemas: Json = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node as Json)) {
      if (k === '$ref' && typeof v === 'string') {
        const name = v.replace('#/components/schemas/', '');
        if (!v.startsWith('#/components/schemas/')) throw new Error(`unexpected $ref ${v}`);
        if (!(name in schemas)) {
          schemas[name] = resolvePointer(root, v);
          visit(schemas[name]);
        }
      } else visit(v);
    }
  };
  visit(schema);
  return normalize({ ...(schema as Json), components: { schemas } }) as Json;
}

function compile(key: string, schema: unknown): ValidateFunction {
  let v = cache.get(key);
  if (!v) {
    v = ajv.compile(bundle(schema));
    cache.set(key, v);
  }
  return v;
}

function operation(route: string, method: string): Json {
  const paths = loadSpec().paths as Json;
  const item = paths[route] as Json | undefined;
  const op = item?.[method.toLowerCase()] as Json | undefined;
  if (!op) throw new Error(`no operation ${method} ${route} in GitHub's OpenAPI description`);
  return op;
}

export interface ValidationResult {
  ok: boolean;
  errors: string;
}

function run(v: ValidateFunction, data: unknown): ValidationResult {
  const ok = v(data) as boolean;
  return { ok, errors: ok ? '' : ajv.errorsText(v.errors, { separator: '\n' }) };
}

export function validateRequestBody(route: string, method: string, body: unknown): ValidationResult {
  const op = operation(route, method);
  const rb = deref<Json | undefined>(op.requestBody);
  if (!rb) return body === undefined ? { ok: true, errors: '' } : { ok: false, errors: `${method} ${route} takes no body` };
  const schema = ((rb.content as Json)['application/json'] as Json).schema;
  return run(compile(`req ${method} ${route}`, schema), body);
}

export function validateResponseBody(route: string, method: string, status: number, body: unknown): ValidationResult {
  const op = operation(route, method);
  const responses = op.responses as Json;
  const described = deref<Json | undefined>(responses[String(status)]);
  let schema: unknown;
  let key = `res ${method} ${route} ${status}`;
  if (described) {
    const content = described.content as Json | undefined;
    schema = (content?.['application/json'] as Json | undefined)?.schema;
    if (schema === undefined) return body === undefined || body === '' ? { ok: true, errors: '' } : { ok: false, errors: `${status} has no body in the spec` };
  } else {
    schema = { $ref: '#/components/schemas/basic-error' };
    key = 'basic-error';
  }
  return run(compile(key, schema), body);
}

/** Query parameters the operation declares (by name), to check the client sends nothing unknown. */
export function declaredQueryParameters(route: string, method: string): string[] {
  const op = operation(route, method);
  const params = (op.parameters as unknown[] | undefined) ?? [];
  return params.map((p) => deref<Json>(p)).filter((p) => p.in === 'query').map((p) => String(p.name));
}

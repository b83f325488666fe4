import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

// The published report schema, compiled for tests: as written, and as a strict copy that proves
// it documents every key the renderer writes.

export const reportSchema = JSON.parse(readFileSync(new URL('../../../docs/report.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;

export function compileSchema(s: object) {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return ajv.compile(s);
}

/** The schema with additionalProperties: false on every object that lists properties. */
export function strictCopy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictCopy);
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([pk, pv]) => [pk, strictCopy(pv)])) : strictCopy(v);
    if ('properties' in out && !('additionalProperties' in out)) out.additionalProperties = false;
    return out;
  }
  return node;
}

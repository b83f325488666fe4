import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { GardenerError } from '../core/errors.js';
import { configSchema, type GardenerConfig } from './schema.js';

// Loads the config file (YAML or JSON) if one is named or present, and validates it. The file is
// never looked for implicitly outside the working directory's `log-gardener.yaml`, and the
// choice is printed in the worklog's coverage notes by the caller.

export const DEFAULT_CONFIG_FILE = 'log-gardener.yaml';

export async function loadConfigFile(
  path: string | undefined,
  readText: (p: string) => Promise<string> = (p) => readFile(p, 'utf8'),
): Promise<{ raw: Record<string, unknown>; path?: string }> {
  const candidate = path ?? DEFAULT_CONFIG_FILE;
  let text: string;
  try {
    text = await readText(candidate);
  } catch (err) {
    if (path === undefined && (err as NodeJS.ErrnoException).code === 'ENOENT') return { raw: {} };
    throw new GardenerError('config', `cannot read config file ${candidate}: ${(err as Error).message}`, { cause: err });
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new GardenerError('config', `config file ${candidate} is not valid YAML/JSON: ${(err as Error).message}`);
  }
  if (raw === null || raw === undefined) return { raw: {}, path: candidate };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new GardenerError('config', `config file ${candidate} must hold a mapping at the top level`);
  }
  return { raw: raw as Record<string, unknown>, path: candidate };
}

/** Validates merged settings; the error lists every offending path. */
export function buildConfig(...layers: Record<string, unknown>[]): GardenerConfig {
  const merged = layers.reduce<Record<string, unknown>>((acc, layer) => deepMerge(acc, layer), {});
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new GardenerError('config', `invalid configuration: ${problems}`);
  }
  return result.data;
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (v === undefined) continue;
    const prev = out[k];
    out[k] =
      isPlainObject(prev) && isPlainObject(v) ? deepMerge(prev, v) : v;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

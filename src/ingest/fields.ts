// Small readers for untrusted JSON: a LogEntry is whatever the export contains, so every field is
// checked before use and an absent or empty value stays absent (nothing is invented).

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A non-empty string (numbers and booleans as their text); undefined otherwise. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  return undefined;
}

/** A finite number from a number or a numeric string (Cloud Logging sends int64 as strings). */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function obj(v: unknown): JsonObject | undefined {
  return isObject(v) ? v : undefined;
}

/** The first field of `o` among `keys` that reads as a non-empty string. */
export function firstStr(o: JsonObject | undefined, keys: readonly string[]): string | undefined {
  if (o === undefined) return undefined;
  for (const k of keys) {
    const s = str(o[k]);
    if (s !== undefined) return s;
  }
  return undefined;
}

/** Flattens a labels object to strings; objects are JSON-encoded, empty values dropped. */
export function stringLabels(v: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(v)) return out;
  for (const [k, val] of Object.entries(v)) {
    const s = str(val) ?? (val !== null && typeof val === 'object' ? JSON.stringify(val) : undefined);
    if (s !== undefined) out[prefix + k] = s;
  }
  return out;
}

/** Copies only the defined values, so records carry no `key: undefined` noise. */
export function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  const src = o as Record<string, unknown>;
  for (const k in src) if (src[k] !== undefined) out[k] = src[k];
  return out as T;
}

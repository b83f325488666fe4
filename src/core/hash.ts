import { sha256Hex } from './sha256.js';

// Identities are content hashes, never counters or titles: the same content gives the same id
// in every run, on every machine.

/** The first `length` hex digits of SHA-256 over the parts, each followed by a NUL. */
export function stableHash(parts: readonly string[], length = 16): string {
  let data = '';
  for (const p of parts) data += p + '\u0000';
  // Only the bytes needed are turned into hex: a flat string, not a slice of a longer one. A slice
  // keeps its parent and costs more in every Map lookup; the mine command looks a template id up
  // once per line (about 50 ms over a million lines, measured).
  const hex = sha256Hex(data, Math.ceil(length / 2));
  return hex.length === length ? hex : hex.slice(0, length);
}

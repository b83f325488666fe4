import { createHash } from 'node:crypto';

// Identities are content hashes, never counters or titles: the same content gives the same id
// in every run, on every machine.
export function stableHash(parts: readonly string[], length = 16): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(p);
    h.update('\u0000');
  }
  return h.digest('hex').slice(0, length);
}

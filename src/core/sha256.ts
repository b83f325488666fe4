// SHA-256 of a string's UTF-8 bytes, in WebAssembly (assembly/sha256.ts). node:crypto's first
// hash costs a process about 50 million instructions (10-15 ms here): it starts OpenSSL, which
// also reads the certificates NODE_EXTRA_CA_CERTS names; a `mine` run needs SHA-256 only for its
// template ids, a few dozen bytes each. A text too long for the module's memory goes to
// node:crypto, loaded then. sha256.test.ts checks every result against node:crypto.

import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { SHA256_WASM } from './sha256-wasm.js';
import { WasmModule } from './wasm-module.js';

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

// The module's memory (assembly/sha256.ts has the same offsets).
const K_AT = 0;
const OUT_AT = 256;
const IN_AT = 1024;
const MEMORY = 64 * 1024;
/** Room for a message: the memory after IN_AT, less its padding. */
const ROOM = MEMORY - IN_AT - 72;

const MODULE = new WasmModule<{ digest(len: number): void }>(SHA256_WASM);
let core: { memory: Buffer; digest: (len: number) => void } | undefined;
let native: typeof Crypto | undefined;

function start(): { memory: Buffer; digest: (len: number) => void } {
  const { buffer, exports } = MODULE.instantiate(MEMORY);
  const k = new Uint32Array(buffer, K_AT, 64);
  k.set(K);
  return { memory: Buffer.from(buffer), digest: exports.digest };
}

/** The 32-byte digest of `text` encoded as UTF-8 (lone surrogates as U+FFFD, as Buffer does). */
export function sha256(text: string): Buffer {
  const c = digestInModule(text);
  return c === undefined ? nativeDigest(text) : Buffer.from(c.memory.subarray(OUT_AT, OUT_AT + 32));
}

/**
 * The first `bytes` (at most 32) bytes of sha256(text) as lower-case hex, read straight from the
 * module's memory: no digest Buffer in between (stableHash makes one id per template creation,
 * most while the code is still cold, where each Buffer costs).
 */
export function sha256Hex(text: string, bytes: number): string {
  const c = digestInModule(text);
  return c === undefined ? nativeDigest(text).toString('hex', 0, bytes) : c.memory.toString('hex', OUT_AT, OUT_AT + Math.min(bytes, 32));
}

/** Hashes `text` in the module (its digest then at OUT_AT), or undefined if it may not fit there. */
function digestInModule(text: string): { memory: Buffer; digest: (len: number) => void } | undefined {
  // At most three bytes per UTF-16 unit: what fits for sure goes to the module.
  if (text.length * 3 > ROOM) return undefined;
  const c = (core ??= start());
  c.digest(c.memory.write(text, IN_AT, 'utf8'));
  return c;
}

function nativeDigest(text: string): Buffer {
  native ??= createRequire(import.meta.url)('node:crypto') as typeof Crypto;
  return native.createHash('sha256').update(text, 'utf8').digest();
}

// SHA-256 (FIPS 180-4) in WebAssembly (AssemblyScript), for src/core/sha256.ts: the message's bytes
// at IN_AT, its 64 round constants at K_AT (written there by JS), the digest left at OUT_AT. The
// module starts in well under a millisecond, where node:crypto starts OpenSSL (and reads the
// extra CA certificates when NODE_EXTRA_CA_CERTS names some). Memory belongs to JS (imported).
// `npm run build:wasm`.

const K_AT = 0; // u32[64]
const OUT_AT = 256; // u8[32], big-endian
const W_AT = 512; // u32[64]
const IN_AT = 1024; // the message, then room for its padding (72 bytes)

/** Hashes the `len` bytes at IN_AT (padding them in place) into OUT_AT. */
export function digest(len: i32): void {
  let n = len;
  store<u8>(IN_AT + n++, 0x80);
  while ((n & 63) != 56) store<u8>(IN_AT + n++, 0);
  store<u64>(IN_AT + n, bswap<u64>(<u64>len << 3));
  n += 8;
  let h0: u32 = 0x6a09e667;
  let h1: u32 = 0xbb67ae85;
  let h2: u32 = 0x3c6ef372;
  let h3: u32 = 0xa54ff53a;
  let h4: u32 = 0x510e527f;
  let h5: u32 = 0x9b05688c;
  let h6: u32 = 0x1f83d9ab;
  let h7: u32 = 0x5be0cd19;
  for (let at = IN_AT; at < IN_AT + n; at += 64) {
    for (let t = 0; t < 16; t++) store<u32>(W_AT + (t << 2), bswap<u32>(load<u32>(at + (t << 2))));
    for (let t = 16; t < 64; t++) {
      const x = load<u32>(W_AT + ((t - 15) << 2));
      const y = load<u32>(W_AT + ((t - 2) << 2));
      const s0 = rotr<u32>(x, 7) ^ rotr<u32>(x, 18) ^ (x >>> 3);
      const s1 = rotr<u32>(y, 17) ^ rotr<u32>(y, 19) ^ (y >>> 10);
      store<u32>(W_AT + (t << 2), load<u32>(W_AT + ((t - 16) << 2)) + s0 + load<u32>(W_AT + ((t - 7) << 2)) + s1);
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let h = h7;
    for (let t = 0; t < 64; t++) {
      const s1 = rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25);
      const t1 = h + s1 + ((e & f) ^ (~e & g)) + load<u32>(K_AT + (t << 2)) + load<u32>(W_AT + (t << 2));
      const s0 = rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22);
      const t2 = s0 + ((a & b) ^ (a & c) ^ (b & c));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h0 += a;
    h1 += b;
    h2 += c;
    h3 += d;
    h4 += e;
    h5 += f;
    h6 += g;
    h7 += h;
  }
  store<u32>(OUT_AT, bswap<u32>(h0));
  store<u32>(OUT_AT + 4, bswap<u32>(h1));
  store<u32>(OUT_AT + 8, bswap<u32>(h2));
  store<u32>(OUT_AT + 12, bswap<u32>(h3));
  store<u32>(OUT_AT + 16, bswap<u32>(h4));
  store<u32>(OUT_AT + 20, bswap<u32>(h5));
  store<u32>(OUT_AT + 24, bswap<u32>(h6));
  store<u32>(OUT_AT + 28, bswap<u32>(h7));
}

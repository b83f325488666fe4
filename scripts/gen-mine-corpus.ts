// Synthetic corpus for the miner benchmark: a fixed seed, hundreds of templates over a realistic
// vocabulary, and realistic variable values (ids, IPs with ports, durations, sizes, paths, user
// names, key=value pairs, UUIDs, hex). The generator knows each line's true template.
//   npx tsx scripts/gen-mine-corpus.ts OUT.log [LINES] [SEED] [--truth-u16]
// writes OUT.log and OUT.log.truth (one true template per line), or with --truth-u16 the true
// template indexes as little-endian uint16 in OUT.log.truth.u16 (what bench:mine reads).

import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../src/core/random.js';

/** Deterministic PRNG, so every run generates the same corpus. */
export const rng = seededRandom;

const WORDS = (
  'connection request session client server worker thread task job queue cache store index table ' +
  'block file user account token lease lock shard replica leader follower node cluster pool socket ' +
  'stream buffer message event batch record checkpoint snapshot transaction commit rollback retry ' +
  'timeout failed failure error warning started stopped finished completed received sent accepted ' +
  'rejected opened closed created deleted updated loaded saved flushed evicted expired renewed ' +
  'registered unregistered scheduled assigned released acquired granted denied invalid unknown ' +
  'missing ready healthy unhealthy degraded recovered restarting shutting down up for to from with ' +
  'in on at by of after before while during the a new old current next previous primary secondary ' +
  'remote local upstream downstream backend frontend gateway proxy handler controller manager service ' +
  'scheduler executor allocator resolver listener watcher reporter collector exporter importer ' +
  'migration schema config policy rule route endpoint request response header payload body status ' +
  'memory disk cpu network bandwidth latency throughput quota limit threshold capacity usage'
).split(' ');

const USERS = ['root', 'admin', 'alice', 'bob', 'carol', 'dave', 'eve', 'mallory', 'oscar', 'peggy', 'trent', 'victor', 'walter', 'guest', 'deploy', 'backup', 'nagios', 'postgres', 'www-data', 'ubuntu'];
const HOSTS = ['db-primary', 'db-replica', 'cache-a', 'cache-b', 'api-gw', 'auth', 'billing', 'search', 'ingest', 'frontend'];
const STATES = ['RUNNING', 'PENDING', 'FAILED', 'SUCCEEDED', 'KILLED', 'NEW'];

type Slot = (r: () => number) => string;
const int = (max: number): Slot => (r) => String(Math.floor(r() * max));
const pick = (xs: readonly string[]): Slot => (r) => xs[Math.floor(r() * xs.length)]!;
const hex = (n: number): Slot => (r) => {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(r() * 16)];
  return s;
};
const ip: Slot = (r) => `10.${int(256)(r)}.${int(256)(r)}.${int(256)(r)}`;
const SLOTS: Record<string, Slot> = {
  int: int(100000),
  small: int(16),
  ip,
  ipport: (r) => `${ip(r)}:${1024 + Math.floor(r() * 60000)}`,
  hex: (r) => '0x' + hex(8)(r),
  uuid: (r) => `${hex(8)(r)}-${hex(4)(r)}-${hex(4)(r)}-${hex(4)(r)}-${hex(12)(r)}`,
  dur: (r) => `${int(5000)(r)}ms`,
  size: (r) => `${(r() * 512).toFixed(1)}MB`,
  path: (r) => `/var/lib/${pick(HOSTS)(r)}/${pick(WORDS)(r)}/${hex(6)(r)}.dat`,
  user: pick(USERS),
  host: (r) => `${pick(HOSTS)(r)}-${int(40)(r)}.prod.internal`,
  state: pick(STATES),
  blk: (r) => `blk_${Math.floor(r() * 2 ** 52) - 2 ** 51}`,
  kv: (r) => `${int(1000)(r)}`,
};
const SLOT_NAMES = Object.keys(SLOTS);

export interface TemplateSpec {
  /** Constant tokens, and slot names where variables go (prefixed with '$'). */
  parts: string[];
  /** The true template in the Loghub convention. */
  text: string;
}

/** Hundreds of distinct templates: 3-14 tokens, about a third of them variables. */
export function makeTemplates(count: number, seed: number): TemplateSpec[] {
  const r = rng(seed);
  const seen = new Set<string>();
  const out: TemplateSpec[] = [];
  while (out.length < count) {
    const len = 3 + Math.floor(r() * 12);
    const parts: string[] = [];
    // A distinctive opening keeps templates apart, as real event messages are.
    parts.push(WORDS[Math.floor(r() * WORDS.length)]!, WORDS[Math.floor(r() * WORDS.length)]!);
    for (let i = 2; i < len; i++) {
      const v = r();
      if (v < 0.3) parts.push('$' + SLOT_NAMES[Math.floor(r() * SLOT_NAMES.length)]!);
      else if (v < 0.38) parts.push(WORDS[Math.floor(r() * WORDS.length)]! + '=$kv');
      else parts.push(WORDS[Math.floor(r() * WORDS.length)]!);
    }
    const text = parts.map((p) => (p.startsWith('$') ? '<*>' : p.replace('=$kv', '=<*>'))).join(' ');
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ parts, text });
  }
  return out;
}

export function renderLine(t: TemplateSpec, r: () => number): string {
  let s = '';
  for (const p of t.parts) {
    const v = p.startsWith('$') ? SLOTS[p.slice(1)]!(r) : p.endsWith('=$kv') ? p.slice(0, -3) + SLOTS.kv!(r) : p;
    s += (s.length === 0 ? '' : ' ') + v;
  }
  return s;
}

/**
 * Writes `lines` lines to `path` and returns each line's true template index. Template frequencies
 * follow a Zipf law (a few templates dominate, a long tail is rare), as in production logs.
 */
export async function writeCorpus(path: string, lines: number, seed = 42, templateCount = 400): Promise<{ truth: Uint16Array; templates: TemplateSpec[] }> {
  const templates = makeTemplates(templateCount, seed);
  const weights = templates.map((_, i) => 1 / (i + 1) ** 0.9);
  const total = weights.reduce((a, b) => a + b, 0);
  const cdf: number[] = [];
  let acc = 0;
  for (const w of weights) cdf.push((acc += w / total));
  const r = rng(seed + 1);
  const truth = new Uint16Array(lines);
  const out = createWriteStream(path);
  let buf = '';
  for (let i = 0; i < lines; i++) {
    const x = r();
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    truth[i] = lo;
    buf += renderLine(templates[lo]!, r) + '\n';
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await new Promise<void>((res) => out.once('drain', res));
      buf = '';
    }
  }
  await new Promise<void>((res, rej) => {
    out.on('error', rej);
    out.end(buf, res);
  });
  return { truth, templates };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const binary = process.argv.includes('--truth-u16');
  const [out, n, seed] = process.argv.slice(2).filter((a) => a !== '--truth-u16');
  if (out === undefined) {
    console.error('usage: tsx scripts/gen-mine-corpus.ts OUT.log [LINES] [SEED]');
    process.exit(2);
  }
  const { truth, templates } = await writeCorpus(out, Number(n ?? 1_000_000), Number(seed ?? 42));
  const { writeFileSync } = await import('node:fs');
  if (binary) writeFileSync(out + '.truth.u16', new Uint8Array(truth.buffer, truth.byteOffset, truth.byteLength));
  else writeFileSync(out + '.truth', Array.from(truth, (t) => templates[t]!.text).join('\n') + '\n');
  console.log(`wrote ${truth.length} lines of ${new Set(truth).size} templates to ${out}`);
}

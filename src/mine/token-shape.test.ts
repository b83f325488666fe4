// tokenShape: what the fast lane may memoize masking by. The claim the lane relies on: when two
// tokens have one shape and that shape is "safe" (the token and both representatives mask alike),
// masking gives the same output for both. Checked here on fixed cases and on an adversarial
// generator (seeded) plus shape-preserving mutations of what it generates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../core/random.js';
import { maskToken } from './mask.js';
import { tokenShape } from './token-shape.js';

const shape = (t: string): string => tokenShape(t).shape;
/** Path, URL and UUID forms stand for a whole value: their representatives are not position-wise. */
const wholeForm = (t: string): boolean => /[\u0090\u0091\u008f]/.test(shape(t));

test('representatives have the shape of the token, and differ from each other at every collapsed position', () => {
  const tokens = [
    '10.0.0.1:8080', '3fa2b9', 'C0FFEE42', '0x1f', '0X1F', 'node12', 'ssh2', '5ms', '12.5MB', 'db-12.prod.internal',
    'msra-sa-41', 'uid=0', 'blk_-1234', '[10.1.2.3]', '2015-10-18T10:11:12Z', 'a1b2c3d4e5f6', 'e5', '1a', 'x86_64',
    'b210e0e5-b7f5-b13a-f495-8dbd6b3e4a69', 'B210E0E5-B7F5-B13A-F495-8DBD6B3E4A69', '(a0e1b2c3-0000-1111-2222-333333333333).',
    '/var/lib/db/1.dat', 'http://host:80/x?q=1', 'fe80::1%eth0', 'aa:bb:cc:00:11:22',
  ];
  for (const t of tokens) {
    const s = tokenShape(t);
    assert.equal(shape(s.repA), s.shape, `repA of ${t}`);
    assert.equal(shape(s.repB), s.shape, `repB of ${t}`);
    assert.equal(s.collapsed, true, t);
    if (wholeForm(t)) continue;
    assert.equal(s.repA.length, t.length, t);
    assert.equal(s.repB.length, t.length, t);
    for (let k = 0; k < t.length; k++) {
      // A position is kept (all three agree) or collapsed (the representatives disagree).
      if (s.repA[k] === s.repB[k]) assert.equal(s.repA[k], t[k], `${t} position ${k}`);
    }
    assert.notEqual(s.repA, s.repB, t);
  }
});

test('a token without digits, paths or UUIDs is its own shape and is not collapsed', () => {
  for (const t of ['connection', 'closed.', '[preauth]', 'deadbeef', 'ABCDEF', 'a-b_c', '"quoted"', 'x=y', 'true']) {
    const s = tokenShape(t);
    assert.equal(s.shape, t);
    assert.equal(s.repA, t);
    assert.equal(s.repB, t);
    assert.equal(s.collapsed, false);
  }
});

test('tokens differing only in digits, or in hex letters inside a hex run, share a shape', () => {
  const same: [string, string][] = [
    ['10.0.0.1', '99.9.9.7'],
    ['10.0.0.1:8080', '19.2.3.4:1024'],
    ['3fa2b9', '3bc7d1'],
    ['abc123', 'a1b2c3'],
    ['C0FFEE42', 'A1BCDE99'],
    ['0x1f', '0x9a'],
    ['0x00ff00ff', '0x09ab12cd'],
    ['node12', 'node99'],
    ['5ms', '9ms'],
    ['12.5MB', '99.1MB'],
    ['uid=0', 'uid=7'],
    ['b210e0e5-b7f5-b13a-f495-8dbd6b3e4a69', 'a0000000-0000-0000-0000-000000000009'],
    ['(B210E0E5-B7F5-B13A-F495-8DBD6B3E4A69),', '(0000000A-0000-0000-0000-000000000007),'],
    ['/var/lib/db/1.dat', '/a/'],
    ['"/tmp/x/y".', '"/1/2".'],
    ['http://host:80/x?q=1', 'https://a.b/c=d'],
    ['[ftp://x/y]', '[s3://bucket/key]'],
    ['ssh2', 'ssh3'],
  ];
  for (const [a, b] of same) assert.equal(shape(a), shape(b), `${a} / ${b}`);
});

test('tokens that mask differently do not share a shape (or their shape is flagged unsafe)', () => {
  const different: [string, string][] = [
    ['5d', '5a'], // a unit (days) and not
    ['0x1f', '1x1f'],
    ['0x1f', '0X1F'],
    ['3fa2b9', '3FA2B9'],
    ['3fa2b9', 'afa2b9'], // first character class
    ['3fa2b9', '3fa2bb'], // last character class
    ['12ab', '12abc'],
    ['a1', 'a12'],
    ['ssh2', 'sfh2'],
    ['log4j', 'log4k'],
    ['db-12.prod.internal', 'db-12.prod.Internal'],
    ['msra-sa-41', 'Msra-sa-41'],
    ['b210e0e5-b7f5-b13a-f495-8dbd6b3e4a69', 'B210E0E5-B7F5-B13A-F495-8DBD6B3E4A69'],
    ['b210e0e5-b7f5-b13a-f495-8dbd6b3e4a69', '0210e0e5-b7f5-b13a-f495-8dbd6b3e4a69'],
    ['b210e0e5-b7f5-b13a-f495-8dbd6b3e4a69', 'b210e0e5-b7f5-b13a-f495-8dbd6b3e4a6f'],
    ['abcdefab-abcd-abcd-abcd-abcdefabcdef', 'abcdefab-abcd-abcd-abcd-abcdefabcde1'],
    ['/a/b', '/a'],
    ['/a=1/b', '/a/b'],
    ['http://x', 'http:/x'],
  ];
  for (const [a, b] of different) {
    if (shape(a) !== shape(b)) continue;
    const s = tokenShape(a);
    const out = maskToken(a);
    assert.ok(maskToken(s.repA) !== out || maskToken(s.repB) !== out, `${a} / ${b}: one shape, but masking sees a difference`);
  }
  for (const [a, b] of different.slice(0, -3)) assert.notEqual(shape(a), shape(b), `${a} / ${b}`);
  // "ssh2" and "ssh3" share a shape, but its output copies the digit: the representatives say so.
  const ssh = tokenShape('ssh2');
  assert.equal(ssh.shape, shape('ssh3'));
  assert.notEqual(maskToken(ssh.repA), maskToken('ssh2'));
});

test('UUID, path and URL forms keep their wrappers and are one shape whatever their characters', () => {
  assert.equal(shape('(/var/log/syslog),'), shape('(/x/y/z),'));
  assert.notEqual(shape('(/var/log/syslog),'), shape('[/var/log/syslog],'));
  assert.equal(shape('<http://a/b>'), shape('<https://c.d:8080/e/f?x=1>'));
  assert.notEqual(shape('/var/log/x'), shape('http://a/b'));
  assert.notEqual(shape('/a//b'), shape('/a/b'), 'an empty segment is not the path form');
  assert.equal(shape("'0B1671BA-0954-4E9D-831A-E57B600DC05A'"), shape("'AAAAAAAA-0954-4E9D-831A-E57B600DC05A'"));
  assert.equal(maskToken('(/var/log/syslog),'), maskToken('(/x/y/z),'));
  assert.equal(maskToken('<http://a/b>'), maskToken('<https://c.d:8080/e/f?x=1>'));
});

// ---- Adversarial generator ---------------------------------------------------------------------

type R = () => number;
const int = (r: R, n: number): number => Math.floor(r() * n);
const pick = <T>(r: R, xs: readonly T[]): T => xs[int(r, xs.length)] as T;
const chars = (r: R, alpha: string, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += alpha[int(r, alpha.length)];
  return s;
};
const DIG = '0123456789';
const digits = (r: R, n: number): string => chars(r, DIG, n);
/** Hex of one case, both cases, letters only or digits only. */
const hexRun = (r: R, n: number): string =>
  chars(r, pick(r, ['0123456789abcdef', '0123456789ABCDEF', '0123456789abcdefABCDEF', 'abcdef', DIG, 'aAfF09']), n);
const WORDS = ['ssh', 'log', 'utf', 'x', 'e', 'a', 'd', 'node', 'db', 'prod', 'internal', 'msra', 'sa', 'host', 'blk', 'core', 'ms', 's',
  'kb', 'MB', 'GiB', 'h', 'min', 'sec', 'bytes', 'T', 'Z', 'id', 'uid', 'PSR', 'SHA', 'eth', 'fe', 'ff', 'Dec', 'true', 'False', 'NULL',
  'isfalse', 'com', 'net', 'io', 'v', 'user', 'ok'];
const UNITS = ['ns', 'us', 'ms', 's', 'sec', 'secs', 'm', 'min', 'h', 'hr', 'hrs', 'd', 'b', 'kb', 'mb', 'gb', 'kib', 'MiB', 'k', 'M',
  'bytes', 'MS', 'Kb', 'e', 'a', 'f', 'x', 'db'];
const SEP = ['-', '.', ':', '_', '/', '=', ',', '@', '#', '|', '+', ';', '(', ')', '[', ']', '*', '\\', '~', '%', '$', '!', '?', "'", '"'];
const LEADS = ['(', '[', '{', '<', '"', "'"];
const TRAILS = [')', ']', '}', '>', '"', "'", ',', ';', ':', '.', '!', '?'];

const uuid = (r: R): string => {
  const alpha = pick(r, ['0123456789abcdef', '0123456789ABCDEF', '0123456789abcdefABCDEF', 'abcdef', DIG, 'aAfF09']);
  return [8, 4, 4, 4, 12].map((n) => chars(r, alpha, r() < 0.05 ? n + pick(r, [-1, 1]) : n)).join('-');
};
const octet = (r: R): string => (r() < 0.9 ? String(int(r, 256)) : digits(r, 1 + int(r, 4)));
const ip = (r: R): string => `${r() < 0.1 ? '/' : ''}${octet(r)}.${octet(r)}.${octet(r)}.${octet(r)}${r() < 0.5 ? ':' + digits(r, 1 + int(r, 6)) : ''}`;
const ipv6 = (r: R): string => {
  let s = Array.from({ length: 2 + int(r, 6) }, () => (r() < 0.2 ? '' : hexRun(r, 1 + int(r, 4)))).join(':');
  if (r() < 0.3) s += '%' + pick(r, ['eth0', 'en1', 'lo', 'wlan12']);
  return r() < 0.3 ? `[${s}]:${digits(r, 1 + int(r, 5))}` : s;
};
const mac = (r: R): string => Array.from({ length: 6 + int(r, 2) }, () => hexRun(r, 2)).join(pick(r, [':', '-']));
const segment = (r: R): string => {
  switch (int(r, 6)) {
    case 0: return pick(r, WORDS);
    case 1: return digits(r, 1 + int(r, 5));
    case 2: return hexRun(r, 1 + int(r, 12));
    case 3: return pick(r, WORDS) + digits(r, 1 + int(r, 3));
    case 4: return digits(r, 1 + int(r, 2)) + pick(r, UNITS);
    default: return pick(r, WORDS) + '.' + pick(r, ['log', 'dat', 'gz', '1', 'tar.gz']);
  }
};
const path = (r: R): string => {
  let s = pick(r, ['/', '/', '/', '~/', './', '../', 'C:\\']);
  const sep = s === 'C:\\' ? '\\' : '/';
  for (let i = 0, n = 1 + int(r, 5); i < n; i++) s += (i > 0 ? sep : '') + (r() < 0.05 ? '' : segment(r));
  if (r() < 0.2) s += sep;
  if (r() < 0.05) s += '=' + digits(r, 2);
  return s;
};
const host = (r: R): string => {
  const label = (): string => pick(r, WORDS) + (r() < 0.5 ? '' : digits(r, 1 + int(r, 3)));
  let s: string;
  switch (int(r, 5)) {
    case 0: s = `${pick(r, ['db', 'cache', 'api'])}-${digits(r, 1 + int(r, 3))}.${pick(r, ['prod', 'stg'])}.internal`; break;
    case 1: s = `${pick(r, ['msra', 'node', 'Web', 'x'])}-${pick(r, ['sa', 'b', '12', 'c3'])}-${digits(r, 1 + int(r, 3))}`; break;
    case 2: s = `${label()}.${pick(r, ['example', 'isp', 'A1'])}.${pick(r, ['net', 'com', 'co.uk', 'IO', 'x1', 'abcdefghijkl'])}`; break;
    case 3: s = `${pick(r, ['dsl', 'h'])}-${digits(r, 2)}-${digits(r, 1)}.isp.${pick(r, ['co', 'de'])}`; break;
    default: s = label();
  }
  return r() < 0.3 ? s + ':' + digits(r, 1 + int(r, 6)) : s;
};
const url = (r: R): string =>
  `${pick(r, ['http', 'https', 'ftp', 's3', 'git+ssh', 'X1'])}://${host(r)}${r() < 0.5 ? path(r) : ''}${r() < 0.3 ? `?q=${digits(r, 3)}&x=${segment(r)}` : ''}`;
const duration = (r: R): string => `${r() < 0.1 ? '-' : ''}${digits(r, 1 + int(r, 5))}${r() < 0.3 ? '.' + digits(r, 1 + int(r, 3)) : ''}${pick(r, UNITS)}`;
const b64 = (r: R): string => chars(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 10 + int(r, 40)) + pick(r, ['', '', '=', '==']);
const hexId = (r: R): string => pick(r, ['', '', '', '0x', '0X']) + hexRun(r, 1 + int(r, 40));
const date = (r: R): string => {
  switch (int(r, 5)) {
    case 0: return `${digits(r, 4)}-${digits(r, 2)}-${digits(r, 2)}`;
    case 1: return `${digits(r, 2)}:${digits(r, 2)}:${digits(r, 2)}${r() < 0.5 ? ',' + digits(r, 3) : ''}`;
    case 2: return `${digits(r, 4)}-${digits(r, 2)}-${digits(r, 2)}${pick(r, ['T', '_', '-', ''])}${digits(r, 2)}:${digits(r, 2)}:${digits(r, 2)}${pick(r, ['', 'Z', '+01:00', '.123'])}`;
    case 3: return `${digits(r, 1 + int(r, 2))}/${digits(r, 1 + int(r, 2))}/${digits(r, 2 + int(r, 3))}`;
    default: return `${digits(r, 8)}-${digits(r, 6)}`;
  }
};
const num = (r: R): string => `${pick(r, ['', '', '-', '+'])}${digits(r, 1 + int(r, 6))}${pick(r, ['', '', '.' + digits(r, 2), ',' + digits(r, 3), `.${digits(r, 1)}.${digits(r, 1)}`])}`;
const wordDigit = (r: R): string => {
  const w = pick(r, WORDS);
  const d = digits(r, 1);
  return pick(r, [w + d, d + w, w.slice(0, 1) + d + w.slice(1), w + d + pick(r, WORDS)]);
};
const email = (r: R): string => `${pick(r, WORDS)}${r() < 0.5 ? digits(r, 2) : ''}@${host(r).replace(/:\d+$/, '')}`;
const blk = (r: R): string => `blk_${r() < 0.5 ? '-' : ''}${digits(r, 1 + int(r, 19))}`;
const BASES: ((r: R) => string)[] = [ip, ipv6, mac, uuid, path, url, host, duration, b64, hexId, date, num, wordDigit, email, blk, segment,
  (r) => pick(r, WORDS), (r) => chars(r, 'aAfF09xX.-_:', 1 + int(r, 10))];

/** One adversarial token: a value, maybe as key=value or glued to another, maybe wrapped. */
function genToken(r: R): string {
  let t = pick(r, BASES)(r);
  const k = r();
  if (k < 0.2) t = `${pick(r, [...WORDS, 'PSR0', 'k', 'x1', '1', '10.0'])}=${pick(r, BASES)(r)}`;
  else if (k < 0.35) t = t + pick(r, SEP) + pick(r, BASES)(r);
  else if (k < 0.4) t = pick(r, ['SHA256:', 'key:', 'a:']) + b64(r);
  if (r() < 0.25) t = pick(r, LEADS) + (r() < 0.2 ? pick(r, LEADS) : '') + t;
  if (r() < 0.3) t = t + pick(r, TRAILS) + (r() < 0.2 ? pick(r, TRAILS) : '');
  return t.replace(/\s/g, '');
}

/** Mutations that often keep the shape: other digits, other hex characters of one case, swaps. */
function mutate(r: R, t: string): string {
  const a = [...t];
  for (let n = 1 + int(r, 3), i = 0; i < n; i++) {
    const k = int(r, a.length);
    const c = a[k] as string;
    if (/\d/.test(c)) a[k] = pick(r, [...DIG]);
    else if (/[a-f]/.test(c)) a[k] = pick(r, [...'abcdef', ...DIG]);
    else if (/[A-F]/.test(c)) a[k] = pick(r, [...'ABCDEF', ...DIG]);
    else if (k + 1 < a.length) {
      a[k] = a[k + 1] as string;
      a[k + 1] = c;
    }
  }
  return a.join('');
}

interface Seen { token: string; out: string; safe: boolean }

/** Checks the claim for `t` against the tokens of its shape seen so far; returns what failed. */
function checker(): { check(t: string): string | undefined; groups: Map<string, Seen[]> } {
  const groups = new Map<string, Seen[]>();
  return {
    groups,
    check(t) {
      const s = tokenShape(t);
      if (shape(s.repA) !== s.shape || shape(s.repB) !== s.shape) return `representatives of ${JSON.stringify(t)} change its shape`;
      const out = maskToken(t);
      const safe = !s.collapsed || (maskToken(s.repA) === out && maskToken(s.repB) === out);
      let g = groups.get(s.shape);
      if (g === undefined) groups.set(s.shape, (g = []));
      for (const o of g) {
        if ((o.safe || safe) && o.out !== out) {
          return `${JSON.stringify(o.token)} → ${JSON.stringify(o.out)} and ${JSON.stringify(t)} → ${JSON.stringify(out)} share a safe shape`;
        }
      }
      if (g.length < 6) g.push({ token: t, out, safe });
      return undefined;
    },
  };
}

test('generated tokens: one safe shape, one masked output (seeded, with shape-preserving mutations)', () => {
  for (const seed of [1, 2]) {
    const r = seededRandom(seed);
    const c = checker();
    let shared = 0;
    for (let i = 0; i < 15_000; i++) {
      let t = genToken(r);
      assert.equal(c.check(t), undefined, `seed ${seed}`);
      for (let j = 0; j < 4; j++) {
        t = mutate(r, t);
        assert.equal(c.check(t), undefined, `seed ${seed}`);
      }
    }
    for (const g of c.groups.values()) if (g.length > 1 && g.some((x) => x.safe)) shared++;
    // The check only means something if many shapes were met by several different tokens.
    assert.ok(shared > 5_000, `only ${shared} shapes held more than one token`);
  }
});

test('short hex and digit runs in every context: one safe shape, one masked output', () => {
  // Every string over a small alphabet that reaches each shape distinction (digit, lower and upper
  // hex, a non-hex letter, x), inside contexts that masking reads around a run.
  const alphabet = ['0', '7', 'a', 'f', 'A', 'F', 'x', 'g'];
  const runs: string[] = [''];
  for (let len = 1; len <= 4; len++) {
    for (const prefix of runs.filter((s) => s.length === len - 1)) for (const ch of alphabet) runs.push(prefix + ch);
  }
  const contexts = ['%', '0x%', 'k=%', 'id-%', '%.log', 'a.%.b', '%-%', '1.%', '%:80', '[%]', 'node%', '%ms', 'SHA:%', 'abcdefabcdefabcdef%', '%_1', 'x-y-%'];
  const c = checker();
  let checked = 0;
  for (const ctx of contexts) {
    for (const run of runs) {
      if (run === '') continue;
      assert.equal(c.check(ctx.replaceAll('%', run)), undefined);
      checked++;
    }
  }
  assert.ok(checked > 50_000);
});

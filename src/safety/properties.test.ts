// Property checks over many generated nasty strings (a seeded generator, so every run tests the same
// strings): idempotence, no escape from fences and code spans, one-line cells.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../core/random.js';
import { escapeMarkdown, fence, inlineCode, neutralizeMentions, redactSecrets, sanitizeForGithub } from './index.js';

const PIECES = [
  '`', '``', '```', '~~~', '@', '#', '12', 'GH-', 'a', 'Z', ' ', '\n', '\r\n', '|', '=', ':', '/', '"', "'", '\\', '<', '>',
  'eyJhbGciOiJIUzI1NiJ9', '.', 'eyJzdWIiOiIxIn0', 'ghp_', 'x'.repeat(36), 'password', 'token', 'Bearer ', 'https://', 'u:p@h',
  'AKIA', 'ABCDEFGHIJKLMNOP', '-----BEGIN PRIVATE KEY-----', '-----END PRIVATE KEY-----', 'a@b.io', '&#1;', '_', '*', '[REDACTED:x]',
];

function* strings(seed: number, count: number): Generator<string> {
  const random = seededRandom(seed);
  const below = (n: number): number => Math.floor(random() * n);
  for (let i = 0; i < count; i++) {
    const n = below(25);
    let out = '';
    for (let j = 0; j < n; j++) out += PIECES[below(PIECES.length)];
    yield out;
  }
}

const CASES = [...strings(20250907, 3000)];

test('redaction, neutralizing and their composition are idempotent', () => {
  for (const t of CASES) {
    const r = redactSecrets(t, { emails: true });
    assert.equal(redactSecrets(r, { emails: true }), r, JSON.stringify(t));
    const n = neutralizeMentions(t);
    assert.equal(neutralizeMentions(n), n, JSON.stringify(t));
    const g = sanitizeForGithub(t);
    assert.equal(sanitizeForGithub(g), g, JSON.stringify(t));
  }
});

test('a fence always gives back exactly its text and no inner line can close it', () => {
  for (const t of CASES) {
    const block = fence(t, 'text');
    const lines = block.split('\n');
    const open = /^(`+)text$/.exec(lines[0] ?? '');
    assert.ok(open !== null, JSON.stringify(block));
    const ticks = open[1]!;
    assert.equal(lines[lines.length - 1], ticks);
    const inner = lines.slice(1, -1);
    // CommonMark also ends lines at a bare CR, so check those pieces too.
    for (const l of inner.flatMap((x) => x.split('\r'))) assert.ok(!new RegExp(`^ {0,3}\`{${ticks.length},}\\s*$`).test(l), JSON.stringify(t));
    const body = block.slice(ticks.length + 'text'.length + 1, -(ticks.length + 1));
    assert.equal(body, t.endsWith('\n') ? t.slice(0, -1) : t);
  }
});

test('code spans and escaped cells stay on one line and keep table pipes escaped', () => {
  for (const t of CASES) {
    const c = inlineCode(t, { inTable: true });
    assert.ok(!/[\r\n]/.test(c));
    assert.ok(!/(?<!\\)\|/.test(c.replace(/\\\\/g, '')), JSON.stringify(c));
    const e = escapeMarkdown(t);
    assert.ok(!/[\r\n]/.test(e));
    // Every |, <, > and backtick is preceded by a backslash that is not itself escaped.
    assert.ok(!/(?<!\\)(?:\\\\)*[|<>`]/.test(e.replace(/^/, ' ')), JSON.stringify(e));
  }
});

test('no live mention or reference survives outside URLs', () => {
  for (const t of CASES.filter((x) => !x.includes('://'))) {
    const n = neutralizeMentions(t);
    assert.doesNotMatch(n, /(?<!\w)@[A-Za-z0-9]/, JSON.stringify(t));
    assert.doesNotMatch(n, /(?<!&)#\d/, JSON.stringify(t));
    assert.doesNotMatch(n, /(?<![\w-])GH-\d/i, JSON.stringify(t));
    assert.equal(n.replaceAll('\u200D', ''), t);
  }
});

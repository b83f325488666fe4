import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fence, sanitizeForGithub, ZWJ } from './index.js';

test('sanitizeForGithub redacts, then neutralizes, and keeps URLs working', () => {
  const line = 'auth failed for @alice (#12) token=ghp_' + 'x'.repeat(36) + ' see https://api.example.com/v1?x=1#frag';
  assert.equal(
    sanitizeForGithub(line),
    `auth failed for @${ZWJ}alice (#${ZWJ}12) token=[REDACTED:github-token] see https://api.example.com/v1?x=1#frag`,
  );
});

test('sanitizeForGithub: a basic-auth URL is redacted even though URLs are spared by neutralizing', () => {
  assert.equal(sanitizeForGithub('https://bob:pw@example.com/#1'), 'https://[REDACTED:basic-auth]@example.com/#1');
});

test('sanitizeForGithub passes emails through unless asked, and is idempotent', () => {
  const line = 'from ops@example.com cc @bob';
  assert.equal(sanitizeForGithub(line), `from ops@example.com cc @${ZWJ}bob`);
  assert.equal(sanitizeForGithub(line, { emails: true }), `from [REDACTED:email] cc @${ZWJ}bob`);
  const once = sanitizeForGithub(line);
  assert.equal(sanitizeForGithub(once), once);
});

test('a sanitized, fenced sample of hostile log text stays inside its block', () => {
  const hostile = '```\n</details>\n<script>x</script>\n@everyone #1 password=p';
  const block = fence(sanitizeForGithub(hostile), 'text');
  assert.ok(block.startsWith('````text\n'));
  assert.ok(block.endsWith('\n````'));
  assert.ok(block.includes('password=[REDACTED:secret-value]'));
  assert.ok(!block.includes('@everyone'));
});

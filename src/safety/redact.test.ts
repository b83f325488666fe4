import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactSecrets } from './redact.js';

// Fake credentials with the real shapes. None of these are live.
const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjoxNzI1NzE0ODAwfQ.c2lnbmF0dXJlX2J5dGVzX2hlcmU';
const GH = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';

const secrets: [name: string, input: string, expected: string][] = [
  ['bearer header', `Authorization: Bearer ${JWT}`, 'Authorization: Bearer [REDACTED:authorization]'],
  ['basic header', 'authorization: Basic dXNlcjpwYXNzd29yZA==', 'authorization: Basic [REDACTED:authorization]'],
  ['bearer without header', `sent "Bearer abcdefghijklmnop1234567890" upstream`, 'sent "Bearer [REDACTED:bearer]" upstream'],
  ['bare jwt', `jwt ${JWT} rejected`, 'jwt [REDACTED:jwt] rejected'],
  ['jwt in websocket query', `GET /ws?token=${JWT}&room=5 403`, 'GET /ws?token=[REDACTED:jwt]&room=5 403'],
  ['unsigned jwt', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.', '[REDACTED:jwt]'],
  ['google api key', 'key=AIzaSyA-1234567890abcdefghijklmnopqrstu', 'key=[REDACTED:google-api-key]'],
  ['github classic token', `using ${GH} now`, 'using [REDACTED:github-token] now'],
  ['github fine-grained', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', '[REDACTED:github-token]'],
  ['github app token', 'ghs_' + 'a'.repeat(36), '[REDACTED:github-token]'],
  ['aws access key id', 'id AKIAIOSFODNN7EXAMPLE,', 'id [REDACTED:aws-access-key],'],
  ['aws secret in env', 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY rest', 'AWS_SECRET_ACCESS_KEY=[REDACTED:secret-value] rest'],
  ['slack', 'hook xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp', 'hook [REDACTED:slack-token]'],
  ['stripe', 'charge with sk_live_4eC39HqLyjWDarjtT1zdp7dc failed', 'charge with [REDACTED:stripe-key] failed'],
  ['google oauth access token', 'ya29.a0AfH6SMBx-abcdefghijklmnopqrstuv', '[REDACTED:google-oauth-token]'],
  ['password=', 'login user=bob password=hunter2 ok', 'login user=bob password=[REDACTED:secret-value] ok'],
  ['quoted value', 'db_password="p@ss word" host=db', 'db_password=[REDACTED:secret-value] host=db'],
  ['query string', 'https://api.example.com/v1?api_key=abc123&page=2', 'https://api.example.com/v1?api_key=[REDACTED:secret-value]&page=2'],
  ['ODBC connection string', 'Server=db;Uid=app;Pwd=Sup3r;Database=x', 'Server=db;Uid=app;Pwd=[REDACTED:secret-value];Database=x'],
  ['json', '{"user":"bob","password":"hun\\"ter2","n":1}', '{"user":"bob","password":"[REDACTED:secret-value]","n":1}'],
  ['json client_secret', '{"client_secret": "abc"}', '{"client_secret": "[REDACTED:secret-value]"}'],
  ['python dict', "{'api_key': 'abc', 'x': 1}", "{'api_key': '[REDACTED:secret-value]', 'x': 1}"],
  ['json inside a json string', '{\\"access_token\\":\\"s3\\\\\\"cr\\",\\"n\\":1}', '{\\"access_token\\":\\"[REDACTED:secret-value]\\",\\"n\\":1}'],
  ['prose password', 'Password: hunter2 then', 'Password: [REDACTED:secret-value] then'],
  ['api key header', 'X-Api-Key: 7f3a9c', 'X-Api-Key: [REDACTED:secret-value]'],
  ['url basic auth', 'connect postgres://admin:s3cret@db.internal:5432/app', 'connect postgres://[REDACTED:basic-auth]@db.internal:5432/app'],
  ['redis password without user', 'redis://:s3cret@10.0.0.3:6379/0', 'redis://[REDACTED:basic-auth]@10.0.0.3:6379/0'],
  ['cookie header', 'Cookie: session=abc123; theme=dark\nnext line', 'Cookie: [REDACTED:cookie]\nnext line'],
  ['set-cookie in json', '{"set-cookie": "sid=xyz; HttpOnly", "status": 200}', '{"set-cookie": "[REDACTED:cookie]", "status": 200}'],
  ['authorization in a python dict', "{'Authorization': 'Bearer abcdefghijklmnop', 'Host': 'x'}", "{'Authorization': 'Bearer [REDACTED:authorization]', 'Host': 'x'}"],
  ['https basic auth', 'GET https://user:pass@example.com/x', 'GET https://[REDACTED:basic-auth]@example.com/x'],
  ['private key block', 'k=-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nIBAAK\n-----END RSA PRIVATE KEY----- done', 'k=[REDACTED:private-key] done'],
  ['private key escaped in json', '"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQ\\n-----END PRIVATE KEY-----\\n"', '"private_key": "[REDACTED:private-key]\\n"'],
  ['truncated private key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\nAAAA', '[REDACTED:private-key]'],
];

for (const [name, input, expected] of secrets) {
  test(`redacts: ${name}`, () => {
    assert.equal(redactSecrets(input), expected);
  });
}

// Ordinary log text that must come out byte-identical.
const ordinary = [
  '123e4567-e89b-12d3-a456-426614174000',
  'sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 sha1 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12',
  'insertId=65a1b2c3000d4e5f6a7b8c9d insertId: 1abc2def3ghi4',
  'trace=projects/my-proj/traces/4bf92f3577b34da6a3ce929d0e0e4736 spanId=00f067aa0ba902b7',
  'X-Cloud-Trace-Context: 105445aa7843bc8bf206b12000100000/1;o=1',
  '2025-09-07T13:21:05.123456789Z 2025-09-07 13:21:05,123 +0000',
  'GET https://example.com:8443/api/v1/tokens/refresh?page=2&sort=asc 403 0.123s',
  'http://localhost:8080/health ok; mailto:ops@example.com',
  'invalid token: expired; the bearer token was rejected; Bearer short',
  'max_tokens=4096 tokenizer=bpe token_count=3 tokens_used=1500 secretary=jane',
  'password reset requested for user 42; password: incorrect; authorization: permission denied',
  'Invalid JWT: signature verification failed (kid=1)',
  'File "/app/auth/jwt.py", line 88, in verify_token',
  'at com.example.auth.TokenValidator.validate(TokenValidator.java:42)',
  'ModuleNotFoundError: No module named \'google.cloud.secretmanager\'',
  'Secret Manager: permission denied on projects/p/secrets/db-password/versions/latest',
  'user_id=42 status=403 latency=0.123s bytes=512 ip=10.0.0.12 ipv6=2001:db8::1',
  'eyJ is a prefix; base64 aGVsbG8gd29ybGQ= and version 1.2.3-rc.1',
  'AKIA in prose, ghp_ prefix alone, sk_live_ without key, xox- nothing',
  'Container called exit(3).',
  'cookie consent banner shown; cookies disabled',
  'git@github.com:acme/api.git and ssh://git@host/repo',
  'email bob@example.com stays unless configured',
];

for (const line of ordinary) {
  test(`leaves ordinary text alone: ${line.slice(0, 50)}`, () => {
    assert.equal(redactSecrets(line), line);
  });
}

test('emails are redacted only when configured', () => {
  const line = 'sent to first.last+tag@mail.example.co.uk and ops@example.com';
  assert.equal(redactSecrets(line), line);
  assert.equal(redactSecrets(line, { emails: true }), 'sent to [REDACTED:email] and [REDACTED:email]');
});

test('is idempotent on every case', () => {
  for (const [, input] of secrets) {
    const once = redactSecrets(input, { emails: true });
    assert.equal(redactSecrets(once, { emails: true }), once, input);
  }
});

test('is deterministic across calls (global regex state does not leak)', () => {
  const input = `a ${GH} b ${GH} c password=x`;
  const first = redactSecrets(input);
  for (let i = 0; i < 5; i++) assert.equal(redactSecrets(input), first);
  assert.equal(first, 'a [REDACTED:github-token] b [REDACTED:github-token] c password=[REDACTED:secret-value]');
});

test('several secrets in one multi-line message', () => {
  const input = `Traceback (most recent call last):\n  File "/app/main.py", line 3\nValueError: bad creds password=abc token=${JWT}\n`;
  assert.equal(
    redactSecrets(input),
    'Traceback (most recent call last):\n  File "/app/main.py", line 3\nValueError: bad creds password=[REDACTED:secret-value] token=[REDACTED:jwt]\n',
  );
});

test('a long line without secrets passes unchanged (no pathological backtracking shape)', () => {
  const long = 'a.b-c_d '.repeat(20000) + 'x'.repeat(50000) + '.'.repeat(50000);
  assert.equal(redactSecrets(long), long);
});

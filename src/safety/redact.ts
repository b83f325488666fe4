// Secret redaction for log text that leaves the machine (worklogs, GitHub issues).
//
// Rules are an ordered list of (kind, pattern, replacement), applied one after another, each testable
// on its own. Vendor-specific patterns run before the generic key=value rules so that the more
// informative kind wins (`token=ghp_…` becomes `token=[REDACTED:github-token]`). Every replacement is
// `[REDACTED:<kind>]`, which no rule matches again, so redaction is idempotent. All patterns are
// anchored on a distinctive prefix or a preceding non-word character, so each runs in linear time.

export interface RedactOptions {
  /** Also replace e-mail addresses (off by default: they are often the evidence an on-call needs). */
  emails?: boolean;
}

export interface RedactionRule {
  kind: string;
  pattern: RegExp;
  /** A cheap test run first: when it fails the rule cannot match (a speed-up, not a semantic). */
  quick?: RegExp;
  /**
   * Builds the replacement from the whole match and its groups (absent groups as ''); returning
   * `whole` keeps a match that a heuristic decides is not a secret. Default: the marker.
   */
  replace?: (marker: string, whole: string, ...groups: string[]) => string;
}

export const redactedMarker = (kind: string): string => `[REDACTED:${kind}]`;

// Key names whose value is a secret when written key=value / "key": "value". A key matches when it
// ENDS with one of these (db_password, GITHUB_TOKEN, x-api-key), so `tokenizer=` and `max_tokens=`
// are left alone.
const SECRET_KEY_WORDS = [
  'password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'api[_-]?key', 'apikey', 'access[_-]?key',
  'private[_-]?key', 'secret[_-]?key', 'client[_-]?secret', 'credentials?', 'signature', 'sig', 'session[_-]?id',
  'cookie',
].join('|');

// Keys that are secret even when written "key: value" in prose or as an HTTP header. "token" is not
// among them: "invalid token: expired" is ordinary text.
const COLON_KEY_WORDS = [
  'password', 'passwd', 'passphrase', 'api[_-]?key', 'apikey', 'secret[_-]?key', 'client[_-]?secret', 'access[_-]?key',
  'private[_-]?key', 'auth[_-]?token', 'access[_-]?token', 'refresh[_-]?token',
].join('|');

// Every key word above contains one of these; text without any skips the key=value rules.
const SECRET_KEY_QUICK = /pass|pwd|secret|token|key|sig|cred|cookie|session/i;

const NOT_REDACTED = '(?!\\[REDACTED:)';

/** A value that looks like a credential rather than a word: it has a digit or a symbol, or is long. */
function looksLikeCredential(value: string): boolean {
  return /[^A-Za-z]/.test(value) || value.length >= 16;
}

export const REDACTION_RULES: readonly RedactionRule[] = [
  {
    // PEM private keys, also when newlines are escaped (\n) inside JSON, also when truncated (no END line).
    kind: 'private-key',
    quick: /PRIVATE KEY/,
    pattern:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|(?:[A-Za-z0-9+/=\s]|\\[nr])*)/g,
  },
  {
    // Authorization header values of any scheme: `Authorization: Bearer x`, `authorization=Basic x`, JSON.
    kind: 'authorization',
    quick: /authorization/i,
    pattern:
      /((?<![\w-])(?:proxy-)?authorization\\?["']?\s*[:=]\s*\\?["']?\s*)(?:(Bearer|Basic|Token|Digest|Negotiate|Bot)\s+)?(?!\[REDACTED:|(?:Bearer|Basic|Token|Digest|Negotiate|Bot)\s)([^\s"'\\,;]{4,})/gi,
    replace: (m, whole, prefix = '', scheme = '', value = '') =>
      scheme !== '' || looksLikeCredential(value) ? `${prefix}${scheme ? `${scheme} ` : ''}${m}` : whole,
  },
  {
    // Cookie and Set-Cookie header values carry session tokens: the rest of the line goes.
    kind: 'cookie',
    quick: /cookie/i,
    pattern: /((?<![\w-])(?:set-)?cookie\\?["']?\s*:\s*\\?["']?)(?!\[REDACTED:)[^\s"'\\][^\n"'\\]*/gi,
    replace: (m, _whole, prefix = '') => `${prefix}${m}`,
  },
  {
    // A bearer token without its header. Case-sensitive "Bearer" and a token of 16+ credential
    // characters, so that prose ("the bearer token was rejected") survives.
    kind: 'bearer',
    quick: /Bearer/,
    pattern: /(?<![\w-])(Bearer\s+)([A-Za-z0-9\-._~+/]{16,}=*)/g,
    replace: (m, _whole, prefix = '') => `${prefix}${m}`,
  },
  {
    // JWT / JWS: base64url header starting with `{"` (eyJ), a payload, an optional signature.
    kind: 'jwt',
    quick: /eyJ/,
    pattern: /(?<![\w-])eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*/g,
  },
  { kind: 'google-api-key', quick: /AIza/, pattern: /(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])/g },
  { kind: 'github-token', quick: /gh[pousr]_|github_pat_/, pattern: /(?<![\w-])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})(?![\w-])/g },
  { kind: 'aws-access-key', quick: /A[KSBC][IC]A/, pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}(?![A-Za-z0-9])/g },
  { kind: 'slack-token', quick: /xox/, pattern: /(?<![\w-])xox[abposre]-[A-Za-z0-9-]{10,}/g },
  { kind: 'stripe-key', quick: /_(?:live|test)_/, pattern: /(?<![\w-])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}(?![\w-])/g },
  { kind: 'google-oauth-token', quick: /ya29\./, pattern: /(?<![\w-])ya29\.[A-Za-z0-9_-]{20,}/g },
  {
    // user:password in a URL (https://user:pass@host, postgres://u:p@db, redis://:p@host). The whole userinfo goes.
    kind: 'basic-auth',
    quick: /:\/\/[^\s/]*@/,
    pattern: /(?<![\w.+-])([a-z][a-z0-9+.-]{1,20}:\/\/)(?!\[REDACTED:)[^\s:/@?#[\]]*:[^\s/@?#]*@/gi,
    replace: (m, _whole, scheme = '') => `${scheme}${m}@`,
  },
  {
    // JSON or Python-dict style: "password": "x", 'api_key': 'x' (escapes inside the value honoured).
    kind: 'secret-value',
    quick: SECRET_KEY_QUICK,
    pattern: new RegExp(
      `((?<!\\\\)(["'])[\\w.-]*?(?:${SECRET_KEY_WORDS})\\2\\s*[:=]\\s*\\2)${NOT_REDACTED}((?:(?!\\2)[^\\\\\\n]|\\\\.)+)(?=\\2)`,
      'gi',
    ),
    replace: (m, _whole, prefix = '') => `${prefix}${m}`,
  },
  {
    // The same inside a JSON string (a JSON document logged as text): \"token\":\"x\". The value ends at
    // the first \" that is not itself an escaped backslash-quote (\\\").
    kind: 'secret-value',
    quick: SECRET_KEY_QUICK,
    pattern: new RegExp(
      `((?<!\\\\)\\\\"[\\w.-]*?(?:${SECRET_KEY_WORDS})\\\\"\\s*:\\s*\\\\")${NOT_REDACTED}((?:\\\\\\\\\\\\"|\\\\\\\\|\\\\[^"\\\\]|[^\\\\"\\n])+?)(?=\\\\")`,
      'gi',
    ),
    replace: (m, _whole, prefix = '') => `${prefix}${m}`,
  },
  {
    // key=value in query strings, env dumps, connection strings and structured text logs. The key must
    // start after a non-key character and end with a secret word directly before `=`.
    kind: 'secret-value',
    quick: SECRET_KEY_QUICK,
    pattern: new RegExp(
      `((?<![\\w.-])[\\w.-]*?(?:${SECRET_KEY_WORDS})\\s*=\\s*)${NOT_REDACTED}(?:"[^"\\n]*"|'[^'\\n]*'|[^\\s&,;"'<>()[\\]{}]+)`,
      'gi',
    ),
    replace: (m, _whole, prefix = '') => `${prefix}${m}`,
  },
  {
    // "Password: hunter2", "X-Api-Key: abc123". Only values that look like credentials (a digit or a
    // symbol, or 16+ characters) so that "password: incorrect" stays readable.
    kind: 'secret-value',
    quick: SECRET_KEY_QUICK,
    pattern: new RegExp(
      `((?<![\\w.-])[\\w.-]*?(?:${COLON_KEY_WORDS}):[ \\t]*)${NOT_REDACTED}((?=[^\\s,;"'<>()]*[^A-Za-z\\s,;"'<>()])[^\\s,;"'<>()]+|[A-Za-z]{16,})`,
      'gi',
    ),
    replace: (m, _whole, prefix = '') => `${prefix}${m}`,
  },
];

// Every rule's quick check (or the distinctive prefix of its pattern), as one alternation. A rule
// added above must add its trigger here (src/safety/redact.test.ts has a case per rule, which fails
// when a trigger is missing).
const ANY_TRIGGER = /PRIVATE KEY|authorization|cookie|Bearer|eyJ|AIza|gh[pousr]_|github_pat_|A[KSBC][IC]A|xox|_(?:live|test)_|ya29\.|:\/\/|pass|pwd|secret|token|key|sig|cred|session/i;

const EMAIL_RULE: RedactionRule = {
  kind: 'email',
  pattern: /(?<![\w.+%-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/g,
};

function applyRule(text: string, rule: RedactionRule): string {
  if (rule.quick !== undefined && !rule.quick.test(text)) return text;
  const marker = redactedMarker(rule.kind);
  const replace = rule.replace;
  if (replace === undefined) return text.replace(rule.pattern, marker);
  return text.replace(rule.pattern, (whole: string, ...rest: unknown[]) => {
    // rest is (group1..groupN, offset, input): keep the groups only.
    const offsetAt = rest.findIndex((g) => typeof g === 'number');
    const groups = rest.slice(0, offsetAt).map((g) => (typeof g === 'string' ? g : ''));
    return replace(marker, whole, ...groups);
  });
}

/**
 * Replaces secrets in text with `[REDACTED:<kind>]`. Deterministic and idempotent:
 * redactSecrets(redactSecrets(x)) === redactSecrets(x).
 */
export function redactSecrets(text: string, opts: RedactOptions = {}): string {
  // One scan that finds no trigger at all lets most ordinary lines through untouched.
  if (opts.emails !== true && !ANY_TRIGGER.test(text)) return text;
  let out = text;
  for (const rule of REDACTION_RULES) out = applyRule(out, rule);
  if (opts.emails === true) out = applyRule(out, EMAIL_RULE);
  return out;
}

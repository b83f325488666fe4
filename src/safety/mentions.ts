// Makes GitHub's notifying and linking syntax inert in untrusted text (log lines copied into issues).
//
// Choice: a ZERO WIDTH JOINER (U+200D) after the `@`, `#` or `GH-`. It is the only neutralizer that
// works in every place log text lands — fenced blocks, inline code, table cells, issue titles, HTML —
// and it keeps the text readable (nothing visible changes). Wrapping in backticks would show literal
// backticks inside fences and titles; HTML entities would show literally inside code. GitHub's
// mention and reference patterns need the name or number right after the sigil, so one invisible
// character defeats them. Already-neutralized text is not matched again (idempotent).

export const ZWJ = '\u200D';

// URLs (where `@` and `#` are harmless and must stay byte-exact to keep working) are skipped.
const URL_PATTERN = /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s<>"'`]+/gi;

// @user, @org/team. Not after a word character: that is an e-mail address (a@b.com), which GitHub
// does not treat as a mention either. Everything else is neutralized; an extra invisible character
// where GitHub would not have linked anyway costs nothing.
const MENTION = /(?<!\w)@(?=[A-Za-z0-9])/g;
// #123 and owner/repo#123 (a word character may precede), but not HTML entities like &#123;.
const ISSUE_REF = /(?<!&)#(?=\d)/g;
// GH-123, GitHub's other issue-reference form.
const GH_REF = /(?<![\w-])(GH-)(?=\d)/gi;

function neutralizeSegment(text: string): string {
  return text
    .replace(MENTION, `@${ZWJ}`)
    .replace(ISSUE_REF, `#${ZWJ}`)
    .replace(GH_REF, (_m, gh: string) => `${gh}${ZWJ}`);
}

/** Makes `@user`, `@org/team`, `#123`, `owner/repo#123` and `GH-123` inert, leaving URLs and e-mails as they are. */
export function neutralizeMentions(text: string): string {
  if (!/[@#]|gh-/i.test(text)) return text;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL_PATTERN)) {
    const start = m.index ?? 0;
    out += neutralizeSegment(text.slice(last, start)) + m[0];
    last = start + m[0].length;
  }
  return out + neutralizeSegment(text.slice(last));
}

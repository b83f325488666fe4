// Putting untrusted text into Markdown and HTML without letting it change the document's structure.

function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/**
 * A fenced code block that `text` cannot close: the fence is one backtick longer than the longest run
 * of backticks anywhere in the text (at least three). Tildes cannot close a backtick fence, so they
 * need no care. The info string loses backticks and line breaks (CommonMark forbids backticks there).
 * Surround the result with blank lines when it follows HTML such as `<details>`.
 */
export function fence(text: string, info = ''): string {
  const ticks = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  const cleanInfo = info.replace(/[`\r\n]+/g, ' ').trim();
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `${ticks}${cleanInfo}\n${body}${ticks}`;
}

export interface InlineCodeOptions {
  /** Escape `|` as `\|` so the code span stays inside one GFM table cell (GitHub renders it as `|`). */
  inTable?: boolean;
}

/**
 * An inline code span holding `text` verbatim: delimited by a backtick run longer than any inside,
 * padded with a space when the text starts or ends with a backtick. Line breaks become spaces (a
 * code span renders them as spaces anyway, and a raw newline would end a table row).
 */
export function inlineCode(text: string, opts: InlineCodeOptions = {}): string {
  let t = text.replace(/\r\n|\r|\n/g, ' ');
  // In a table, GFM splits cells before parsing code spans, treating `\x` as an escaped x: a literal
  // backslash right before a pipe would escape our escape (`\\|` splits the cell). A zero width space
  // between them keeps the text's look and the cell intact.
  if (opts.inTable === true) t = t.replace(/\\(?=\|)/g, '\\\u200B').replace(/\|/g, '\\|');
  if (t === '') return '';
  const ticks = '`'.repeat(longestRun(t, '`') + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ') && t.trim() !== '') ? ' ' : '';
  return `${ticks}${pad}${t}${pad}${ticks}`;
}

// The characters that can start Markdown or HTML syntax inside a line (a cell or a heading is never
// the start of a block, so list and heading markers need no escape). `_` between two word characters
// cannot emphasise in GFM and stays bare, so identifiers like service_name remain readable in the
// raw .md file.
const MD_SPECIAL = /[\\`*[\]<>|~&]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g;

/**
 * Text for a table cell or heading: one line, every inline Markdown/HTML metacharacter
 * backslash-escaped, so `|` cannot split a cell, `<script>` is shown not run, `**` does not embolden.
 */
export function escapeMarkdown(text: string): string {
  const line = text.replace(/\r\n|\r|\n/g, ' ').replace(MD_SPECIAL, (c) => `\\${c}`);
  // A trailing run of # would be taken as the closing sequence of an ATX heading and vanish.
  return line.replace(/(?<=\s|^)(#+)(\s*)$/, (_m, hashes: string, ws: string) => `${hashes.replace(/#/g, '\\#')}${ws}`);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

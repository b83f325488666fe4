import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, escapeMarkdown, fence, inlineCode } from './markdown.js';

/** The lines of a rendered fence, and whether any inner line could close it (CommonMark rule). */
function innerLineClosesFence(block: string): boolean {
  const lines = block.split('\n');
  const open = /^(`+)/.exec(lines[0] ?? '')?.[1] ?? '';
  return lines.slice(1, -1).some((l) => new RegExp(`^ {0,3}\`{${open.length},}\\s*$`).test(l));
}

test('fence: plain text gets a three-backtick fence and a trailing newline inside', () => {
  assert.equal(fence('hello', 'text'), '```text\nhello\n```');
  assert.equal(fence('hello\n'), '```\nhello\n```');
});

test('fence: text with backtick runs cannot close the fence', () => {
  const nasty = 'before\n```\nescaped?\n````` \n   ````\nafter `x` ``y``';
  const block = fence(nasty);
  assert.ok(block.startsWith('``````\n'), block);
  assert.ok(block.endsWith('\n``````'));
  assert.equal(innerLineClosesFence(block), false);
  assert.equal(block.slice(7, -7), nasty);
});

test('fence: tildes, </details>, <script> and an empty text are held verbatim', () => {
  const nasty = '~~~\n</details>\n<script>alert(1)</script>\n~~~~~~';
  assert.equal(fence(nasty), '```\n' + nasty + '\n```');
  assert.equal(fence(''), '```\n\n```');
});

test('fence: the info string cannot inject backticks or lines', () => {
  assert.equal(fence('x', 'py`\n```evil'), '```py evil\nx\n```');
  assert.equal(fence('x', 'a`b\nc').split('\n')[0], '```a b c');
});

test('inlineCode: chooses a longer delimiter and pads edge backticks', () => {
  assert.equal(inlineCode('x'), '`x`');
  assert.equal(inlineCode('a`b'), '``a`b``');
  assert.equal(inlineCode('`x`'), '`` `x` ``');
  assert.equal(inlineCode('a ``` b'), '````a ``` b````');
  assert.equal(inlineCode(''), '');
});

test('inlineCode: newlines become spaces, pipes escaped in tables', () => {
  assert.equal(inlineCode('a\nb\r\nc'), '`a b c`');
  assert.equal(inlineCode('a|b', { inTable: true }), '`a\\|b`');
  assert.equal(inlineCode('a|b'), '`a|b`');
  // A literal backslash before a pipe must not escape the escape.
  assert.equal(inlineCode('a\\|b', { inTable: true }), '`a\\\u200B\\|b`');
});

test('escapeMarkdown: cells and titles cannot be broken', () => {
  assert.equal(escapeMarkdown('a|b'), 'a\\|b');
  assert.equal(escapeMarkdown('line1\nline2\r\nline3'), 'line1 line2 line3');
  assert.equal(escapeMarkdown('<script>alert(1)</script>'), '\\<script\\>alert(1)\\</script\\>');
  assert.equal(escapeMarkdown('**bold** _em_ `code` [l](u) ~~s~~ &amp; \\'), '\\*\\*bold\\*\\* \\_em\\_ \\`code\\` \\[l\\](u) \\~\\~s\\~\\~ \\&amp; \\\\');
});

test('escapeMarkdown: a trailing run of # survives in a heading', () => {
  assert.equal(escapeMarkdown('queue full ##'), 'queue full \\#\\#');
  assert.equal(escapeMarkdown('#'), '\\#');
  assert.equal(escapeMarkdown('C# error'), 'C# error');
  assert.equal(escapeMarkdown('issue#'), 'issue#');
});

test('escapeMarkdown: ordinary identifiers stay readable', () => {
  const s = 'service_name=auth-api 2025-09-07 13:21 ModuleNotFoundError: No module named x.y (3 times) #1 50%';
  assert.equal(escapeMarkdown(s), s);
});

test('escapeHtml: all five characters', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  assert.equal(escapeHtml('plain'), 'plain');
});

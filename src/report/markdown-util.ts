import { escapeMarkdown } from '../safety/index.js';

// Small Markdown building blocks. Cells are expected to be escaped (escapeMarkdown / inlineCode with
// inTable) by the caller; the table itself only guarantees the shape.

export function table(headers: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string {
  const sep = headers.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(headers), line(sep), ...rows.map(line)].join('\n');
}

/** Plain model text for inline use (headings, list items, cells). */
export const md = (text: string): string => escapeMarkdown(text);

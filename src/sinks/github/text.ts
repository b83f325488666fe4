import { escapeMarkdown, fence, inlineCode, neutralizeMentions, redactSecrets } from '../../safety/index.js';
import { defuseComments } from './marker.js';

// The only way log-derived text enters a body: redacted, mentions/references neutralized, HTML
// comment openers defused (so no marker can be planted), then placed with the right escape for
// where it lands (prose, inline code, table cell, fenced block).

export interface TextOptions {
  redactEmails: boolean;
}

export const clean = (text: string, o: TextOptions): string => defuseComments(neutralizeMentions(redactSecrets(text, { emails: o.redactEmails })));
export const prose = (text: string, o: TextOptions): string => escapeMarkdown(clean(text, o));
export const code = (text: string, o: TextOptions): string => inlineCode(clean(text, o));
export const cellCode = (text: string, o: TextOptions): string => inlineCode(clean(text, o), { inTable: true });
export const block = (text: string, o: TextOptions, info = ''): string => fence(clean(text, o), info);

/** Cuts already-cleaned text to `max` characters at a line end where possible; says how much was cut. */
export function cut(text: string, max: number): { text: string; cutChars: number } {
  if (text.length <= max) return { text, cutChars: 0 };
  let end = text.lastIndexOf('\n', max);
  if (end < max * 0.5) end = max;
  // Do not split a surrogate pair.
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
  return { text: text.slice(0, end), cutChars: text.length - end };
}

/** Only https links survive, with characters that could end a Markdown link percent-encoded. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url || !/^https:\/\/[^\s]+$/.test(url)) return undefined;
  return url.replace(/[()<>[\]`"' ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

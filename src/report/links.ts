// Links built from model data. Only http(s) URLs are ever emitted, with the characters that could end
// a Markdown link destination or an HTML attribute percent-encoded.

/** The URL when it is http(s), made safe for `[text](url)` and `href="url"`; otherwise undefined. */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s/]/i.test(trimmed)) return undefined;
  return trimmed.replace(/[\s()<>"'`\\[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

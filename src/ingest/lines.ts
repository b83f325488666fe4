// Splits a stream of text chunks into numbered lines ("\n" or "\r\n"), holding at most one line.

export interface NumberedLine {
  /** 1-based. */
  line: number;
  text: string;
  /** Set when the line was longer than the limit: its text is cut to the limit. */
  truncated?: boolean;
}

export async function* splitLines(chunks: AsyncIterable<string>, maxLineChars = 16 * 1024 * 1024): AsyncIterable<NumberedLine> {
  let pending = '';
  let truncated = false;
  let line = 0;
  for await (const chunk of chunks) {
    let from = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', from)) {
      const piece = chunk.slice(from, nl);
      const text = truncated ? pending : pending + piece;
      line++;
      yield finish(text, line, truncated || text.length > maxLineChars, maxLineChars);
      pending = '';
      truncated = false;
      from = nl + 1;
    }
    if (from < chunk.length && !truncated) {
      pending += chunk.slice(from);
      if (pending.length > maxLineChars) {
        pending = pending.slice(0, maxLineChars);
        truncated = true; // the rest of this line is dropped until its newline
      }
    }
  }
  if (pending !== '' || truncated) yield finish(pending, line + 1, truncated, maxLineChars);
}

function finish(text: string, line: number, truncated: boolean, max: number): NumberedLine {
  const t = text.endsWith('\r') ? text.slice(0, -1) : text;
  return truncated ? { line, text: t.slice(0, max), truncated: true } : { line, text: t };
}

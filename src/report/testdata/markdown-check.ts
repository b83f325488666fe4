// A small CommonMark structure checker for the renderer tests: enough of the spec (fenced blocks,
// code spans, GFM table pipes) to tell whether log text changed the document's structure.

export interface FenceBlock {
  info: string;
  body: string;
}

export interface MarkdownStructure {
  /** Lines outside fenced blocks, with their line numbers (1-based). */
  outside: { line: number; text: string }[];
  fences: FenceBlock[];
  /** True when a fence was still open at the end of the document. */
  unclosed: boolean;
}

export function scanMarkdown(doc: string): MarkdownStructure {
  const lines = doc.split('\n');
  const outside: MarkdownStructure['outside'] = [];
  const fences: FenceBlock[] = [];
  let open: { ch: string; len: number; info: string; body: string[] } | undefined;
  lines.forEach((text, i) => {
    if (open === undefined) {
      const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(text);
      if (m !== null && !(m[1]!.startsWith('`') && m[2]!.includes('`'))) {
        open = { ch: m[1]![0]!, len: m[1]!.length, info: m[2]!.trim(), body: [] };
      } else outside.push({ line: i + 1, text });
      return;
    }
    const close = new RegExp(`^ {0,3}\\${open.ch}{${open.len},}\\s*$`);
    if (close.test(text)) {
      fences.push({ info: open.info, body: open.body.join('\n') });
      open = undefined;
    } else open.body.push(text);
  });
  return { outside, fences, unclosed: open !== undefined };
}

/** The line with code spans removed (CommonMark: a backtick run closes at the next run of equal length). */
export function stripCodeSpans(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (line[i] === '`' && line[i - 1] !== '\\') {
      let n = 0;
      while (line[i + n] === '`') n++;
      const run = '`'.repeat(n);
      let j = i + n;
      let closeAt = -1;
      while (j < line.length) {
        const k = line.indexOf(run, j);
        if (k < 0) break;
        if (line[k + n] !== '`' && line[k - 1] !== '`') {
          closeAt = k;
          break;
        }
        j = k + 1;
      }
      if (closeAt >= 0) {
        out += '⟨code⟩';
        i = closeAt + n;
        continue;
      }
      out += run;
      i += n;
      continue;
    }
    out += line[i];
    i++;
  }
  return out;
}

/** GFM cell separators in a table row: pipes not escaped with a backslash (code spans included). */
export function tablePipes(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') {
      i++;
      continue;
    }
    if (line[i] === '|') n++;
  }
  return n;
}

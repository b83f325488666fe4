// An incremental splitter for one top-level JSON array (gcloud logging read --format=json):
// fed text chunks, it returns the source text of each complete element so that only one element
// is ever held in memory and parsed at a time. It tracks strings, escapes and nesting depth only;
// JSON.parse judges each element, so a malformed element costs that element, not the file.

export interface ArrayElement {
  /** 1-based index of the element in the array. */
  index: number;
  /** 1-based line of the file where the element starts. */
  line: number;
  /** The element's source text, or undefined when it was not usable (see `problem`). */
  text?: string;
  problem?: string;
}

const OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d, OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c, NEWLINE = 0x0a, BOM = 0xfeff;

type State = 'start' | 'between' | 'element' | 'done';

export class JsonArraySplitter {
  private state: State = 'start';
  private depth = 0;
  private inString = false;
  private escape = false;
  private scalar = false;
  private parts: string[] = [];
  private size = 0;
  private oversize = false;
  private line = 1;
  private startLine = 1;
  private index = 0;
  private trailing = false;

  /** @param maxElementChars an element longer than this is skipped and reported, not buffered. */
  constructor(private readonly maxElementChars = 64 * 1024 * 1024) {}

  push(chunk: string): ArrayElement[] {
    const out: ArrayElement[] = [];
    let start = this.state === 'element' ? 0 : -1;
    const n = chunk.length;
    let nextBackslash = -2; // -2: not searched yet; -1: none in the rest of the chunk
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (this.state === 'element') {
        if (this.inString) {
          if (this.escape) this.escape = false;
          else if (c === BACKSLASH) this.escape = true;
          else if (c === QUOTE) this.inString = false;
          else {
            // Jump to the next quote or backslash: string bodies are most of a log export. The
            // next backslash is cached so that chunks without one are not rescanned per string.
            const q = chunk.indexOf('"', i);
            if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = chunk.indexOf('\\', i);
            const b = nextBackslash;
            const next = q < 0 ? b : b < 0 ? q : Math.min(q, b);
            if (next < 0) {
              i = n - 1;
              continue;
            }
            i = next - 1;
          }
          continue;
        }
        if (c === QUOTE) this.inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          if (this.scalar && c === CLOSE_BRACKET && this.depth === 0) {
            out.push(this.finish(chunk, start, i));
            this.state = 'done';
            continue;
          }
          this.depth--;
          if (this.depth === 0 && !this.scalar) {
            out.push(this.finish(chunk, start, i + 1));
            this.state = 'between';
          }
        } else if (this.scalar && this.depth === 0 && (c === COMMA || isSpace(c))) {
          out.push(this.finish(chunk, start, i));
          this.state = 'between';
        }
        if (c === NEWLINE) this.line++;
        continue;
      }
      if (c === NEWLINE) {
        this.line++;
        continue;
      }
      if (isSpace(c) || c === BOM) continue;
      if (this.state === 'start') {
        if (c === OPEN_BRACKET) this.state = 'between';
        else {
          out.push({ index: 0, line: this.line, problem: 'not a JSON array: expected "["' });
          this.state = 'done';
          this.trailing = true;
        }
      } else if (this.state === 'between') {
        if (c === COMMA) continue;
        if (c === CLOSE_BRACKET) {
          this.state = 'done';
          continue;
        }
        this.begin(c);
        start = i;
      } else if (!this.trailing) {
        this.trailing = true;
        out.push({ index: this.index, line: this.line, problem: 'unexpected data after the end of the JSON array' });
      }
    }
    if (this.state === 'element' && start >= 0) this.keep(chunk.slice(start));
    return out;
  }

  /** Call at end of input: an unfinished element or array is reported. */
  end(): ArrayElement[] {
    if (this.state === 'element') {
      this.state = 'done';
      if (this.scalar && this.depth === 0) return [this.finish('', 0, 0)];
      return [{ index: this.index, line: this.startLine, problem: 'input ended inside this element (truncated file?)' }];
    }
    if (this.state === 'between') return [{ index: this.index, line: this.line, problem: 'input ended before the closing "]" of the array' }];
    return [];
  }

  private begin(c: number): void {
    this.state = 'element';
    this.index++;
    this.startLine = this.line;
    this.parts = [];
    this.size = 0;
    this.oversize = false;
    this.inString = c === QUOTE;
    this.escape = false;
    this.scalar = c !== OPEN_BRACE && c !== OPEN_BRACKET;
    this.depth = this.scalar ? 0 : 1;
  }

  private keep(piece: string): void {
    if (this.oversize) return;
    this.size += piece.length;
    if (this.size > this.maxElementChars) {
      this.oversize = true;
      this.parts = [];
      return;
    }
    this.parts.push(piece);
  }

  private finish(chunk: string, start: number, end: number): ArrayElement {
    this.keep(chunk.slice(Math.max(start, 0), end));
    const element: ArrayElement = this.oversize
      ? { index: this.index, line: this.startLine, problem: `element longer than ${this.maxElementChars} characters, skipped` }
      : { index: this.index, line: this.startLine, text: this.parts.join('') };
    this.parts = [];
    return element;
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

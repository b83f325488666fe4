// Splits a streamed JSON array ("[ {...}, {...} ]", as `gcloud --format=json` prints it) into its
// top-level elements as they arrive, so a large read is never held in memory as one string.
// It tracks only strings, escapes and nesting depth; each element is then parsed with JSON.parse.

export class JsonArraySplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private started = false;
  private ended = false;
  private current = '';
  /** Count of top-level elements emitted so far. */
  count = 0;

  /** Feeds a chunk; returns the complete elements' JSON texts. */
  push(chunk: string): string[] {
    const out: string[] = [];
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (!this.started) {
        if (c === 0x5b /* [ */) { this.started = true; from = i + 1; continue; }
        if (isSpace(c)) continue;
        throw new SyntaxError(`expected a JSON array, found ${JSON.stringify(chunk.slice(i, i + 40))}`);
      }
      if (this.ended) {
        if (isSpace(c)) continue;
        throw new SyntaxError(`unexpected text after the JSON array: ${JSON.stringify(chunk.slice(i, i + 40))}`);
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c /* \ */) this.escaped = true;
        else if (c === 0x22 /* " */) this.inString = false;
        continue;
      }
      if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) this.depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (this.depth === 0 && c === 0x5d) {
          // End of the outer array.
          this.ended = true;
          this.emit(this.current + chunk.slice(from, i), out);
          this.current = '';
          continue;
        }
        this.depth--;
      } else if (c === 0x2c /* , */ && this.depth === 0) {
        this.emit(this.current + chunk.slice(from, i), out);
        this.current = '';
        from = i + 1;
      }
    }
    if (!this.ended) this.current += chunk.slice(from);
    return out;
  }

  /** Call at end of input: throws if the array never closed. */
  end(): void {
    if (!this.started) throw new SyntaxError('no JSON array in the output (it was empty)');
    if (!this.ended) throw new SyntaxError('the JSON array was cut off before its closing bracket');
  }

  private emit(text: string, out: string[]): void {
    const t = text.trim();
    if (t === '') {
      if (this.count === 0 && this.ended) return; // "[]"
      throw new SyntaxError('empty element in the JSON array');
    }
    this.count++;
    out.push(t);
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff;
}

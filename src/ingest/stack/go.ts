import type { ParsedException, StackFrame } from '../../core/record.js';
import { goInApp } from './in-app.js';

// Go panics and fatal errors: "panic: msg", then goroutine dumps of "pkg.func(args)" /
// "\t/path/file.go:12 +0x1d" pairs. Only the first goroutine (the one that panicked) gives frames.

export const GO_PANIC = /^(panic|fatal error): (.*)$/;
export const GO_GOROUTINE = /^goroutine \d+ \[[^\]]*\]:\s*$/;
const GO_FILE = /^\t(.+?):(\d+)(?: \+0x[0-9a-f]+)?\s*$/;
const GO_FUNC = /^(created by )?([\w./*()\-[\]{}]+?)(?:\((.*)\))?(?: in goroutine \d+)?\s*$/;

export function parseGo(text: string): ParsedException | undefined {
  const lines = text.split(/\r?\n/);
  const panicIdx = lines.findIndex((l) => GO_PANIC.test(l));
  const gIdx = lines.findIndex((l) => GO_GOROUTINE.test(l));
  if (panicIdx < 0 && gIdx < 0) return undefined;
  const head = panicIdx >= 0 ? GO_PANIC.exec(lines[panicIdx] ?? '') : null;
  let message = head?.[2] ?? '';
  // "panic: x [recovered]" and multi-line panic values continue until the blank line.
  for (let i = panicIdx + 1; panicIdx >= 0 && i < lines.length && (lines[i] ?? '').trim() !== '' && !GO_GOROUTINE.test(lines[i] ?? ''); i++) {
    message += `\n${lines[i]}`;
  }
  const frames: StackFrame[] = [];
  if (gIdx >= 0) {
    for (let i = gIdx + 1; i < lines.length; i++) {
      const fnLine = lines[i] ?? '';
      if (fnLine.trim() === '' || GO_GOROUTINE.test(fnLine)) break;
      const fileM = GO_FILE.exec(lines[i + 1] ?? '');
      const fnM = GO_FUNC.exec(fnLine);
      if (fnM === null || fileM === null) continue;
      const fn = fnM[2] ?? '';
      const file = fileM[1];
      const slash = fn.lastIndexOf('/');
      const dot = fn.indexOf('.', slash + 1);
      frames.push({
        file,
        line: Number(fileM[2]),
        function: fn,
        ...(dot > 0 ? { module: fn.slice(0, dot) } : {}),
        inApp: goInApp(fn, file),
      });
      i++;
    }
  }
  return { language: 'go', type: head?.[1] === 'fatal error' ? 'fatal error' : 'panic', message: message.trim(), frames };
}

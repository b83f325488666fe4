import type { ParsedException, StackFrame } from '../../core/record.js';
import { pythonInApp, pythonModuleOf } from './in-app.js';

// Python tracebacks as the interpreter prints them, including chained exceptions. Printed order is
// kept: frames outermost call first; chain[] lists every exception printed, the last one being
// the exception that propagated (the top-level fields describe it).

export const PY_HEADER = /^\s*Traceback \(most recent call last\):\s*$/;
export const PY_CHAIN =
  /^\s*(During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:)\s*$/;
const PY_FRAME = /^\s+File "([^"]*)", line (\d+)(?:, in (.+))?\s*$/;
/** "KeyError: 'x'", "psycopg2.errors.UndefinedTable: …", "StopIteration" — a dotted name, optional message. */
export const PY_EXCEPTION_LINE = /^([A-Za-z_][\w.]*)(?::\s?(.*))?$/;

export function parsePython(text: string): ParsedException | undefined {
  const lines = text.split(/\r?\n/);
  const blocks: ParsedException[] = [];
  let i = lines.findIndex((l) => PY_HEADER.test(l));
  while (i >= 0 && i < lines.length) {
    const { exception, next } = parseBlock(lines, i + 1);
    blocks.push(exception);
    i = findNextHeader(lines, next);
  }
  const last = blocks[blocks.length - 1];
  if (last === undefined) return undefined;
  return blocks.length > 1 ? { ...last, chain: blocks } : last;
}

function parseBlock(lines: string[], start: number): { exception: ParsedException; next: number } {
  const frames: StackFrame[] = [];
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const frame = PY_FRAME.exec(line);
    if (frame !== null) {
      const file = frame[1] ?? '';
      const module = pythonModuleOf(file);
      frames.push({ file, line: Number(frame[2]), function: frame[3]?.trim(), ...(module ? { module } : {}), inApp: pythonInApp(file) });
      continue;
    }
    // Code lines, caret markers (3.11+) and "[Previous line repeated N more times]" are indented.
    if (/^\s/.test(line) || line === '') continue;
    break;
  }
  // The exception line, possibly followed by message continuation lines up to a chain marker.
  const first = lines[i] ?? '';
  const m = PY_EXCEPTION_LINE.exec(first);
  let type = 'Exception';
  let message = first;
  if (m !== null && m[1] !== undefined) {
    type = m[1];
    message = m[2] ?? '';
  } else {
    const colon = first.indexOf(': ');
    if (colon > 0 && !first.slice(0, colon).includes(' ')) {
      type = first.slice(0, colon);
      message = first.slice(colon + 2);
    }
  }
  const extra: string[] = [];
  let j = i + 1;
  for (; j < lines.length; j++) {
    const l = lines[j] ?? '';
    if (PY_CHAIN.test(l) || PY_HEADER.test(l) || l.trim() === '') break;
    extra.push(l);
  }
  if (extra.length > 0) message = [message, ...extra].join('\n');
  return { exception: { language: 'python', type, message, frames }, next: j };
}

function findNextHeader(lines: string[], from: number): number {
  // Only a header reached through a chain marker continues this trace; anything else ends it.
  let sawChain = false;
  for (let i = from; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (PY_CHAIN.test(l)) sawChain = true;
    else if (PY_HEADER.test(l)) return sawChain ? i : -1;
    else if (l.trim() !== '') return -1;
  }
  return -1;
}

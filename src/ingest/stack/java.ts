import type { ParsedException, StackFrame } from '../../core/record.js';
import { javaInApp } from './in-app.js';

// Java/JVM stacks: "pkg.SomeException: msg", "\tat pkg.Class.method(File.java:12)", "Caused by: …",
// "Suppressed: …" (indented), "... N more". Printed order is kept; the top-level fields describe the
// last "Caused by" (the root cause a fix targets), chain[] lists every exception printed.

export const JAVA_FRAME = /^\s+at ([\w$.<>/-]+)\.([\w$<>-]+)\(([^)]*)\)\s*$/;
const JAVA_HEAD = /^(?:Exception in thread "[^"]*" )?([A-Za-z_$][\w$]*(?:\.[\w$]+)+|[A-Z][\w$]*(?:Exception|Error|Throwable))(?::\s?(.*))?$/;
const CAUSED_BY = /^\s*Caused by: (.*)$/;
const SUPPRESSED = /^\s+Suppressed: (.*)$/;
const MORE = /^\s+\.\.\. \d+ (more|common frames omitted)\s*$/;

export function parseJava(text: string): ParsedException | undefined {
  const lines = text.split(/\r?\n/);
  const firstFrame = lines.findIndex((l) => JAVA_FRAME.test(l));
  if (firstFrame < 0) return undefined;
  let headIdx = firstFrame - 1;
  while (headIdx > 0 && !JAVA_HEAD.test((lines[headIdx] ?? '').trim())) headIdx--;
  const blocks: ParsedException[] = [];
  let current = newBlock(headIdx >= 0 ? (lines[headIdx] ?? '').trim() : '');
  blocks.push(current);
  let suppressed = false;
  for (let i = firstFrame; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const caused = CAUSED_BY.exec(line);
    const supp = SUPPRESSED.exec(line);
    if (caused !== null) {
      current = newBlock(caused[1] ?? '');
      blocks.push(current);
      suppressed = false;
    } else if (supp !== null) {
      suppressed = true; // frames of a suppressed exception do not belong to the enclosing one
    } else if (JAVA_FRAME.test(line)) {
      if (!suppressed) current.frames.push(javaFrame(line));
    } else if (MORE.test(line) || line.trim() === '') {
      continue;
    } else {
      break;
    }
  }
  const root = blocks[blocks.length - 1] as ParsedException;
  return blocks.length > 1 ? { ...root, chain: blocks } : root;
}

function newBlock(head: string): ParsedException {
  const m = JAVA_HEAD.exec(head);
  return { language: 'java', type: m?.[1] ?? 'Exception', message: m ? (m[2] ?? '') : head, frames: [] };
}

function javaFrame(line: string): StackFrame {
  const m = JAVA_FRAME.exec(line) as RegExpExecArray;
  const cls = m[1] ?? '';
  const where = m[3] ?? '';
  const fileLine = /^(.*?):(\d+)$/.exec(where);
  const dot = cls.lastIndexOf('.');
  return {
    file: fileLine ? fileLine[1] : where,
    ...(fileLine ? { line: Number(fileLine[2]) } : {}),
    function: `${dot >= 0 ? cls.slice(dot + 1) : cls}.${m[2] ?? ''}`,
    ...(dot >= 0 ? { module: cls.slice(0, dot) } : {}),
    inApp: javaInApp(cls),
  };
}

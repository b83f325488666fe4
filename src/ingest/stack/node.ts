import type { ParsedException, StackFrame } from '../../core/record.js';
import { nodeInApp } from './in-app.js';

// Node/V8 stacks: "TypeError: msg" then "    at fn (file:line:col)" lines, innermost first.

export const NODE_FRAME = /^\s+at (?:(.+?) \((.+?)(?::(\d+))?(?::(\d+))?\)|(.+?)(?::(\d+))?(?::(\d+))?)\s*$/;
const NODE_HEAD = /^(?:Uncaught )?([A-Za-z_$][\w$.]*(?:Error|Exception|Rejection)|Error|[A-Z][\w$]*)(?: \[([A-Z_\d]+)\])?(?::\s?(.*))?$/;

export function looksLikeNodeFrame(line: string): boolean {
  const m = /^\s+at (.+)$/.exec(line);
  if (m === null) return false;
  // Java frames are "pkg.Class.method(File.java:12)" with no space before the parenthesis.
  return /\s\(.*\)\s*$/.test(m[1] ?? '') || /:\d+:\d+\)?\s*$/.test(m[1] ?? '') || /^(async |new )/.test(m[1] ?? '');
}

export function parseNode(text: string): ParsedException | undefined {
  const lines = text.split(/\r?\n/);
  const firstFrame = lines.findIndex(looksLikeNodeFrame);
  if (firstFrame < 0) return undefined;
  // The head is the nearest line above the frames that names an error; message lines sit between.
  let headIdx = -1;
  for (let i = firstFrame - 1; i >= 0; i--) {
    if (NODE_HEAD.test(lines[i]?.trim() ?? '')) {
      headIdx = i;
      break;
    }
  }
  const headLine = headIdx >= 0 ? (lines[headIdx] ?? '').trim() : '';
  const head = NODE_HEAD.exec(headLine);
  const type = head?.[1] ?? 'Error';
  const msgLines = [head?.[3] ?? headLine, ...lines.slice(headIdx + 1, firstFrame)].filter((l, i) => i === 0 || l.trim() !== '');
  const frames: StackFrame[] = [];
  for (let i = firstFrame; i < lines.length; i++) {
    const frame = parseNodeFrame(lines[i] ?? '');
    if (frame === undefined) {
      if ((lines[i] ?? '').trim() === '') continue;
      break;
    }
    frames.push(frame);
  }
  return { language: 'node', type, message: msgLines.join('\n').trim(), frames };
}

function parseNodeFrame(line: string): StackFrame | undefined {
  if (!looksLikeNodeFrame(line)) return undefined;
  const m = NODE_FRAME.exec(line);
  if (m === null) return undefined;
  const file = m[2] ?? m[5];
  const lineNo = m[3] ?? m[6];
  const fn = m[1]?.replace(/^async /, '');
  return {
    ...(file !== undefined ? { file } : {}),
    ...(lineNo !== undefined ? { line: Number(lineNo) } : {}),
    ...(fn !== undefined ? { function: fn } : {}),
    inApp: nodeInApp(file),
  };
}

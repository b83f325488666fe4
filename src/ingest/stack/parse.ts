import type { ParsedException } from '../../core/record.js';
import { parseGo, GO_GOROUTINE, GO_PANIC } from './go.js';
import { JAVA_FRAME, parseJava } from './java.js';
import { looksLikeNodeFrame, parseNode } from './node.js';
import { PY_HEADER, parsePython } from './python.js';

/**
 * Finds and parses a stack trace in `text` (Python, Node, Java, Go). Undefined when there is none.
 * The language is told by its unmistakable markers, checked in an order that avoids confusing them:
 * Python's header, Go's goroutine dump, then Java frames (no space before "(") before Node frames.
 */
export function parseStackTrace(text: string): ParsedException | undefined {
  if (text.length === 0 || (!text.includes('\n') && !PY_HEADER.test(text))) return undefined;
  const lines = text.split(/\r?\n/);
  if (lines.some((l) => PY_HEADER.test(l))) return parsePython(text);
  if (lines.some((l) => GO_GOROUTINE.test(l)) || lines.some((l) => GO_PANIC.test(l) && l.startsWith('panic: '))) return parseGo(text);
  if (lines.some((l) => JAVA_FRAME.test(l))) return parseJava(text);
  if (lines.some(looksLikeNodeFrame)) return parseNode(text);
  return undefined;
}

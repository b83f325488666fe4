import { GO_GOROUTINE, GO_PANIC } from './go.js';
import { PY_CHAIN, PY_HEADER } from './python.js';

// What one stderr line contributes to a traceback printed line by line (Cloud Run logs every line
// of stderr as its own entry). Used by foldTracebacks to decide which entries belong together.
export type FragmentKind = 'header' | 'frame' | 'chain' | 'exception' | 'other';

const JAVA_THREAD_HEAD = /^Exception in thread "/;
const CHAIN = [PY_CHAIN, /^\s*Caused by: /, /^\s+Suppressed: /];
/** An exception line: a (dotted) name ending like an exception class, optionally ": message". */
const EXCEPTION_LINE =
  /^(?:[A-Za-z_$][\w$]*\.)*(?:[A-Za-z_$][\w$]*)?(?:Error|Exception|Exit|Interrupt|Warning|Fault|Failure|Timeout|Cancelled|Iteration|Throwable)(?::.*)?$/;
/** A module-qualified class ("psycopg2.errors.UndefinedTable: …"): Python names exceptions freely. */
const QUALIFIED_CLASS_LINE = /^(?:[a-z_][\w]*\.)+[A-Z]\w*(?::.*)?$/;
const GO_FUNC_LINE = /^(created by )?[\w./*()\-[\]{}]+\(.*\)(?: in goroutine \d+)?$/;

export function fragmentKind(message: string): FragmentKind {
  const line = message.replace(/\s+$/, '');
  if (line === '') return 'chain'; // a blank line only ever separates parts of a trace
  const first = line.split('\n', 1)[0] ?? line;
  if (PY_HEADER.test(first) || JAVA_THREAD_HEAD.test(first) || (GO_PANIC.test(first) && first.startsWith('panic: '))) {
    return 'header';
  }
  // A goroutine line continues a panic (or starts a bare goroutine dump): part of the trace, not a new one.
  if (GO_GOROUTINE.test(first)) return 'frame';
  if (CHAIN.some((re) => re.test(first))) return 'chain';
  if (/^\s+\S/.test(first) || GO_FUNC_LINE.test(first) || /^\[Previous line repeated/.test(first)) return 'frame';
  if (EXCEPTION_LINE.test(first) || QUALIFIED_CLASS_LINE.test(first)) return 'exception';
  return 'other';
}

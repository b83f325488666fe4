import { GO_GOROUTINE, GO_PANIC } from './go.js';
import { PY_CHAIN, PY_HEADER } from './python.js';

// What one stderr line contributes to a traceback printed line by line (Cloud Run logs every line
// of stderr as its own entry). Used by foldTracebacks to decide which entries belong together.
export type FragmentKind = 'header' | 'frame' | 'chain' | 'exception' | 'other';

const JAVA_THREAD_HEAD = /^Exception in thread "/;
const CHAIN = [PY_CHAIN, /^\s*Caused by: /, /^\s+Suppressed: /];
/** An exception line: a (dotted) name ending like an exception class, optionally ": message". */
const EXCEPTION_LINE =
  /^(?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$][\w$]*(?:Error|Exception|Exit|Interrupt|Warning|Fault|Failure|Timeout|Cancelled|Iteration|Throwable)(?::.*)?$/;
const GO_FUNC_LINE = /^(created by )?[\w./*()\-[\]{}]+\(.*\)(?: in goroutine \d+)?$/;

export function fragmentKind(message: string): FragmentKind {
  const line = message.replace(/\s+$/, '');
  if (line === '') return 'chain'; // a blank line only ever separates parts of a trace
  const first = line.split('\n', 1)[0] ?? line;
  if (PY_HEADER.test(first) || JAVA_THREAD_HEAD.test(first) || GO_GOROUTINE.test(first) || (GO_PANIC.test(first) && first.startsWith('panic: '))) {
    return 'header';
  }
  if (CHAIN.some((re) => re.test(first))) return 'chain';
  if (/^\s+\S/.test(first) || GO_FUNC_LINE.test(first) || /^\[Previous line repeated/.test(first)) return 'frame';
  if (EXCEPTION_LINE.test(first)) return 'exception';
  return 'other';
}

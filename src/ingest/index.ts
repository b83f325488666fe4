// The ingest half of the pipeline: reading inputs and normalizing them into LogRecords.
export { normalizeEntry, MalformedEntryError } from './normalize.js';
export { parseStackTrace } from './stack/parse.js';
export { fragmentKind } from './stack/fragment.js';
export type { FragmentKind } from './stack/fragment.js';
export { foldTracebacks, TracebackFolder } from './fold-tracebacks.js';
export type { FoldOptions } from './fold-tracebacks.js';
export { openFileSource } from './file-source.js';
export type { FileSourceOptions, InputFormat } from './file-source.js';
export { JsonArraySplitter } from './json-array-splitter.js';
export type { ArrayElement } from './json-array-splitter.js';
export { parseTimestamp, parseDurationMs } from './time.js';
export type { ParsedTime } from './time.js';
export { logKindOf } from './log-kind.js';
export { guessLevel, leadingTimestamp, textLineRecord } from './text-line.js';
export { requestLine } from './http-request.js';
export { TimeFiller } from './time-filler.js';

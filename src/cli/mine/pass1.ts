// Pass 1 of `log-gardener mine` over one region of whole lines, on the thread that owns the miner.
// Lines stay bytes: trimmed of ASCII white space, they go to the miner as a byte range. A line that
// `bytePath` refuses (its ends are not ASCII, so it may begin or end with Unicode white space that
// trim() removes, or it is not valid UTF-8, so decoding replaces bytes) is decoded, trim()med and
// added as a string. Either way the miner sees the text the string reader gave it.

import { isUtf8 } from 'node:buffer';
import type { LogFormat } from '../../mine/log-format.js';
import type { Miner } from '../../mine/miner.js';
import type { FieldBytes } from './csv-rows.js';
import { bytePath, lineEnd, trimEnd, trimStart } from './line-bytes.js';
import type { LineIds } from './line-ids.js';

/** Lines that --log-format did not match: how many, and the first one's line number. */
export interface Unmatched {
  count: number;
  first: number;
  /** Lines read so far (matched or not). */
  physical: number;
}

/** Mines the lines of `buf[0, end)`; `sizes`, if given, counts their Content fields' bytes (no format). */
export function mineRegion(buf: Buffer, end: number, format: LogFormat | undefined, miner: Miner, lines: LineIds, unmatched: Unmatched, sizes?: FieldBytes): void {
  if (format === undefined && sizes === undefined) {
    // The same lines, mined in batches where the buffer is the miner's own memory (inputBuffer).
    const before = lines.count;
    if (miner.addLines(buf, 0, end, lines)) {
      unmatched.physical += lines.count - before;
      return;
    }
  }
  const valid = isUtf8(buf.subarray(0, end));
  sizes?.region();
  let pos = 0;
  while (pos < end) {
    const nl = lineEnd(buf, pos, end);
    const lineStart = pos;
    pos = nl + 1;
    unmatched.physical++;
    if (format === undefined) {
      const s = trimStart(buf, lineStart, nl);
      const e = trimEnd(buf, s, nl);
      if (bytePath(buf, s, e, valid)) {
        lines.push(miner.addBytes(buf, s, e));
        sizes?.line(buf, s, e);
      } else {
        const text = buf.toString('utf8', s, e).trim();
        lines.push(miner.add(text));
        sizes?.text(text);
      }
      continue;
    }
    const content = format.content(buf.toString('utf8', lineStart, nl).trim());
    if (content === undefined) {
      if (unmatched.count++ === 0) unmatched.first = unmatched.physical;
      continue;
    }
    lines.push(miner.add(content));
  }
}

import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

// The --assignments file: one CSV line per input entry, `insertId,templateId,incidentKey`.
// Incident keys are only known once the whole window is analysed, so lines are first spooled to a
// temporary file with the entry's group key and rewritten at the end: memory stays bounded by the
// number of groups, not entries.

export class AssignmentLog {
  private constructor(
    private readonly path: string,
    private readonly spoolPath: string,
    private readonly out: WriteStream,
  ) {}

  static async open(path: string): Promise<AssignmentLog> {
    await mkdir(dirname(path), { recursive: true });
    const spoolPath = `${path}.spool-${process.pid}`;
    return new AssignmentLog(path, spoolPath, createWriteStream(spoolPath));
  }

  async add(insertId: string, templateId: string, groupKey: string): Promise<void> {
    if (!this.out.write(`${csv(insertId)},${csv(templateId)},${groupKey}\n`)) await once(this.out, 'drain');
  }

  /** Rewrites the spool with incident keys, then moves it into place atomically. */
  async finish(incidentOf: (groupKey: string) => string): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
    const tmp = `${this.path}.tmp-${process.pid}`;
    const w = createWriteStream(tmp);
    w.write('insertId,templateId,incidentKey\n');
    const lines = createInterface({ input: createReadStream(this.spoolPath), crlfDelay: Infinity });
    for await (const line of lines) {
      // Group keys are content hashes (no commas or quotes), so the last comma starts the field.
      const cut = line.lastIndexOf(',');
      const group = line.slice(cut + 1);
      if (!w.write(`${line.slice(0, cut)},${csv(incidentOf(group))}\n`)) await once(w, 'drain');
    }
    w.end();
    await once(w, 'finish');
    await rm(this.spoolPath, { force: true });
    await rename(tmp, this.path);
  }
}

function csv(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}


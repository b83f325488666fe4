import { closeSync, createReadStream, fstatSync, openSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { PassThrough, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { GardenerError } from '../core/errors.js';

// Opening inputs: files (gzip by the ".gz" extension) and stdin ("-"), as UTF-8 text chunks.

export const STDIN = '-';

/**
 * Checks that every input can be opened for reading, before any record flows, so that a typo in the
 * last of several paths fails the run at once instead of after minutes of work.
 */
export function checkReadable(inputs: readonly string[]): void {
  for (const path of inputs) {
    if (path === STDIN) continue;
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      if (fstatSync(fd).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    } catch (err) {
      // One line that names the file and the reason is the whole message (the issue asks for exactly that).
      throw new GardenerError('input', `cannot read ${path}: ${reasonOf(err)}`, { cause: err });
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
}

/** The input's bytes, gunzipped when the name ends in ".gz", decoded as UTF-8 (split characters are safe). */
export async function* textChunks(input: string, stdin: NodeJS.ReadableStream | undefined): AsyncIterable<string> {
  const source: NodeJS.ReadableStream = input === STDIN ? (stdin ?? process.stdin) : createReadStream(input, { highWaterMark: 1 << 18 });
  const bytes = input.toLowerCase().endsWith('.gz') ? gunzip(source) : source;
  const decoder = new StringDecoder('utf8');
  for await (const chunk of bytes as AsyncIterable<Buffer | string>) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text !== '') yield text;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}

function gunzip(source: NodeJS.ReadableStream): NodeJS.ReadableStream {
  const out = new PassThrough();
  // pipeline forwards an error of either stream (a corrupt or truncated .gz) to the reader.
  pipeline(source, createGunzip(), out, () => undefined);
  return out;
}

export function reasonOf(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    const known: Record<string, string> = {
      ENOENT: 'no such file',
      EACCES: 'permission denied',
      EISDIR: 'is a directory',
      EPERM: 'operation not permitted',
    };
    return (code !== undefined ? known[code] : undefined) ?? err.message;
  }
  return String(err);
}

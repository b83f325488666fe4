import { join } from 'node:path';
import { compactUtcStamp } from './format.js';
import type { RunReport } from './model.js';

// Stable, predictable worklog file names: one folder per service, one base name per exact UTC window,
// so reruns of the same window overwrite instead of piling up copies with new names.

export interface WorklogPaths {
  dir: string;
  /** `<from>--<to>`, e.g. "20250907T132000Z--20250907T142000Z". */
  base: string;
  md: string;
  json: string;
  html: string;
}

// Names Windows refuses as file or folder names, whatever the extension.
const RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d)$/i;

/** A service name as one safe path segment: [A-Za-z0-9._-] only, no leading dot, at most 100 chars. */
export function safeServiceSegment(service: string): string {
  let s = service
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+/, '')
    .replace(/[.-]+$/, '')
    .slice(0, 100);
  if (s === '') s = 'unknown-service';
  if (RESERVED.test(s)) s = `_${s}`;
  return s;
}

export function worklogPaths(outDir: string, report: Pick<RunReport, 'service' | 'window'>): WorklogPaths {
  const dir = join(outDir, safeServiceSegment(report.service));
  const base = `${compactUtcStamp(report.window.from)}--${compactUtcStamp(report.window.to)}`;
  return { dir, base, md: join(dir, `${base}.md`), json: join(dir, `${base}.json`), html: join(dir, `${base}.html`) };
}

import type { LogKind } from '../core/record.js';

// Cloud Run writes to a few well-known logs; the kind is read off the last part of logName
// ("projects/p/logs/run.googleapis.com%2Fstderr"), URL-decoded.

export function logKindOf(logName: string | undefined): LogKind {
  if (logName === undefined) return 'other';
  const slash = logName.indexOf('/logs/');
  const id = safeDecode(slash >= 0 ? logName.slice(slash + 6) : logName);
  if (id.startsWith('cloudaudit.googleapis.com')) return 'audit';
  const last = id.includes('/') ? id.slice(id.indexOf('/') + 1) : id;
  if (last === 'stdout') return 'stdout';
  if (last === 'stderr') return 'stderr';
  if (last === 'requests') return 'requests';
  if (last.startsWith('varlog/')) return 'varlog';
  return 'other';
}

/** The project id in "projects/<id>/logs/...", when present. */
export function projectOfLogName(logName: string | undefined): string | undefined {
  const m = logName === undefined ? null : /^projects\/([^/]+)\/logs\//.exec(logName);
  return m?.[1];
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

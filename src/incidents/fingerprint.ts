import type { LogRecord } from '../core/record.js';
import { topInAppFrames } from './frames.js';
import { routePattern, statusClass } from './route.js';
import { roleOf, type RecordRole } from './signals.js';

// What makes two records "the same problem". Versioned: when the recipe changes, the version
// changes, so stored keys are never silently re-interpreted.
export const FINGERPRINT_VERSION = 1;

export type FingerprintKind = 'exception' | 'request' | 'template' | 'rule' | 'silence';

export interface Fingerprint {
  version: number;
  kind: FingerprintKind;
  /** Human-readable content the key is a hash of. */
  basis: string;
}

const TOP_FRAMES = 3;

/** Variable parts of a message masked, so that exception messages carrying values still match. */
export function maskMessage(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '<ip>')
    .replace(/\b[\w.+-]+@[\w-]+\.[\w.]+\b/g, '<email>')
    .replace(/\b0x[0-9a-f]+\b/gi, '<hex>')
    .replace(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, '<hex>')
    .replace(/\d+(?:\.\d+)?/g, '<num>')
    .replace(/\s+/g, ' ')
    .trim();
}

export function exceptionFingerprint(record: LogRecord): Fingerprint | undefined {
  const ex = record.exception;
  if (ex === undefined) return undefined;
  const frames = topInAppFrames(ex, TOP_FRAMES);
  // Without in-app frames the message is all that tells two failures apart (an import error names
  // the module it could not find); with them, the code path does, and messages carrying values don't split it.
  const detail = frames.length > 0 ? frames.join(' < ') : maskMessage(firstLine(ex.message)).slice(0, 160);
  return { version: FINGERPRINT_VERSION, kind: 'exception', basis: `${ex.type} | ${detail}` };
}

export function requestFingerprint(record: LogRecord): Fingerprint | undefined {
  const h = record.http;
  if (h?.status === undefined || record.exception !== undefined) return undefined;
  const method = (h.method ?? '?').toUpperCase();
  const route = h.url !== undefined ? routePattern(h.url) : '?';
  return { version: FINGERPRINT_VERSION, kind: 'request', basis: `${method} ${route} ${statusClass(h.status)}` };
}

/**
 * Exception, else request, else template. A template fingerprint also carries the record's role
 * (exit, error, problem, plain…): a miner that lumps "Booting worker with pid: 8" together with
 * "Reason: Worker failed to boot." must not make a routine start-up line part of a crash.
 */
export function fingerprintOf(record: LogRecord, templateId: string, role: RecordRole = roleOf(record)): Fingerprint {
  return (
    exceptionFingerprint(record) ??
    requestFingerprint(record) ?? { version: FINGERPRINT_VERSION, kind: 'template', basis: `${templateId} ${role}` }
  );
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}

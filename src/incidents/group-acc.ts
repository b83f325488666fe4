import type { Sample } from '../core/incident.js';
import type { LogRecord, ParsedException } from '../core/record.js';
import { SEVERITY_NUMBERS, type Severity } from '../core/severity.js';
import type { Fingerprint } from './fingerprint.js';
import type { Rule } from './rules.js';
import { effectiveSeverity, exitCodeOf, type RecordRole } from './signals.js';

// Everything one group (one fingerprint) accumulates over a run. Bounded by the group, not by the
// lines: per-minute counts are bounded by the window, sets of ids are capped.

export const MINUTE_MS = 60_000;
const SET_CAP = 10_000;
const LATENCY_CAP = 50_000;
const SAMPLES_PER_TEMPLATE = 3;

export interface TemplateAcc {
  id: string;
  count: number;
  /** The earliest samples by (time, insertId), so input order does not change them. */
  samples: Sample[];
}

export interface GroupAcc {
  key: string;
  service: string;
  fingerprint: Fingerprint;
  ignored: boolean;
  /** The merge / split rule that formed this group, if any. */
  rule?: Rule;
  annotations: Rule[];
  count: number;
  bySeverity: Partial<Record<Severity, number>>;
  maxSeverity: Severity;
  /** Worst severity counting the level printed in the text of entries that carry none. */
  maxEffectiveSeverity: Severity;
  firstMs: number;
  lastMs: number;
  /** Minute number (epoch ms / 60 000) → count. */
  perMinute: Map<number, number>;
  freshPerMinute: Map<number, number>;
  revisions: Map<string, { count: number; firstMs: number }>;
  instances: Set<string>;
  traces: Set<string>;
  users: Set<string>;
  roles: Partial<Record<RecordRole, number>>;
  exitCodes: Map<string, number>;
  http?: { requests: number; byStatus: Map<number, number>; latencies: number[]; latencyCapped: boolean; method?: string; route?: string };
  templates: Map<string, TemplateAcc>;
  exception?: ParsedException;
  loggers: Set<string>;
  project?: string;
  /** Where and when errors of the group happened (capped), to tell start-up crashes from later ones. */
  errorSightings: [string, number][];
}

export function newGroup(key: string, service: string, fingerprint: Fingerprint, record: LogRecord): GroupAcc {
  return {
    key,
    service,
    fingerprint,
    ignored: false,
    annotations: [],
    count: 0,
    bySeverity: {},
    maxSeverity: 'DEFAULT',
    maxEffectiveSeverity: 'DEFAULT',
    firstMs: record.timeMs,
    lastMs: record.timeMs,
    perMinute: new Map(),
    freshPerMinute: new Map(),
    revisions: new Map(),
    instances: new Set(),
    traces: new Set(),
    users: new Set(),
    roles: {},
    exitCodes: new Map(),
    templates: new Map(),
    loggers: new Set(),
    errorSightings: [],
  };
}

export function addToGroup(g: GroupAcc, r: LogRecord, templateId: string, fresh: boolean, role: RecordRole): void {
  g.count++;
  const eff = effectiveSeverity(r);
  if (SEVERITY_NUMBERS[eff] > SEVERITY_NUMBERS[g.maxEffectiveSeverity]) g.maxEffectiveSeverity = eff;
  g.bySeverity[r.severity] = (g.bySeverity[r.severity] ?? 0) + 1;
  if (SEVERITY_NUMBERS[r.severity] > SEVERITY_NUMBERS[g.maxSeverity]) g.maxSeverity = r.severity;
  if (r.timeMs < g.firstMs) g.firstMs = r.timeMs;
  if (r.timeMs > g.lastMs) g.lastMs = r.timeMs;
  // Keyed by minute number (a small integer) rather than epoch milliseconds: much cheaper Map keys.
  const minute = Math.floor(r.timeMs / MINUTE_MS);
  g.perMinute.set(minute, (g.perMinute.get(minute) ?? 0) + 1);
  if (fresh) g.freshPerMinute.set(minute, (g.freshPerMinute.get(minute) ?? 0) + 1);
  if (r.revision !== undefined) {
    const rev = g.revisions.get(r.revision);
    if (rev === undefined) g.revisions.set(r.revision, { count: 1, firstMs: r.timeMs });
    else {
      rev.count++;
      if (r.timeMs < rev.firstMs) rev.firstMs = r.timeMs;
    }
  }
  addCapped(g.instances, r.instanceId);
  addCapped(g.traces, r.trace);
  addCapped(g.users, r.user);
  if (r.logger !== undefined && g.loggers.size < 16) g.loggers.add(r.logger);
  g.roles[role] = (g.roles[role] ?? 0) + 1;
  if (role === 'exit') {
    const code = exitCodeOf(r.message);
    if (code !== undefined) g.exitCodes.set(code, (g.exitCodes.get(code) ?? 0) + 1);
  }
  if (r.http?.status !== undefined) addHttp(g, r);
  if (role === 'anchor' && r.instanceId !== undefined && g.errorSightings.length < 200) g.errorSightings.push([r.instanceId, r.timeMs]);
  if (g.exception === undefined && r.exception !== undefined) g.exception = r.exception;
  if (g.project === undefined && r.project !== undefined) g.project = r.project;
  addSample(g, templateId, r);
}

function addHttp(g: GroupAcc, r: LogRecord): void {
  g.http ??= { requests: 0, byStatus: new Map(), latencies: [], latencyCapped: false };
  const h = g.http;
  h.requests++;
  const status = r.http!.status!;
  h.byStatus.set(status, (h.byStatus.get(status) ?? 0) + 1);
  if (r.http!.latencyMs !== undefined) {
    if (h.latencies.length < LATENCY_CAP) h.latencies.push(r.http!.latencyMs);
    else h.latencyCapped = true;
  }
}

function addSample(g: GroupAcc, templateId: string, r: LogRecord): void {
  let t = g.templates.get(templateId);
  if (t === undefined) {
    t = { id: templateId, count: 0, samples: [] };
    g.templates.set(templateId, t);
  }
  t.count++;
  const list = t.samples;
  const last = list[list.length - 1];
  // Most records do not make it into the samples: decide before building one.
  if (list.length < SAMPLES_PER_TEMPLATE || (last !== undefined && (r.timestamp < last.timestamp || (r.timestamp === last.timestamp && r.insertId < last.insertId)))) {
    const s = sampleOf(r);
    list.push(s);
    list.sort((a, b) => (earlier(a, b) ? -1 : earlier(b, a) ? 1 : 0));
    if (list.length > SAMPLES_PER_TEMPLATE) list.pop();
  }
}

function earlier(a: Sample, b: Sample): boolean {
  return a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.insertId < b.insertId);
}

export function sampleOf(r: LogRecord): Sample {
  const s: Sample = { insertId: r.insertId, timestamp: r.timestamp, severity: r.severity, text: sampleText(r) };
  if (r.logKind !== undefined) s.logKind = r.logKind;
  if (r.revision !== undefined) s.revision = r.revision;
  if (r.instanceId !== undefined) s.instanceId = r.instanceId;
  if (r.trace !== undefined) s.trace = r.trace;
  return s;
}

function sampleText(r: LogRecord): string {
  if (r.stackText !== undefined && !r.message.includes(r.stackText)) return `${r.message}\n${r.stackText}`;
  return r.message;
}

function addCapped(set: Set<string>, v: string | undefined): void {
  if (v !== undefined && v !== '' && set.size < SET_CAP) set.add(v);
}

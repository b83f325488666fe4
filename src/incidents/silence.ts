import type { History } from '../core/history.js';
import type { Incident } from '../core/incident.js';
import { stableHash } from '../core/hash.js';
import type { IncidentConfig } from './config.js';
import { FINGERPRINT_VERSION } from './fingerprint.js';
import { PRIORITY_THRESHOLDS, priorityOf } from './score.js';
import { isoMinute, isoTime, round } from './stats.js';

// Silence: a service, or a template that logged steadily in earlier runs, that stops logging inside
// the window. Judged against the rate the store remembers: the expected number of entries in the
// silent stretch must be large enough that their absence is not chance.

export interface SilenceInput {
  history: History;
  windowFromMs: number;
  windowToMs: number;
  /** Last time each service logged in the window. */
  serviceLast: Map<string, number>;
  /** Last time each (service, template id) logged in the window, keyed "service\u0000id". */
  templateLast: Map<string, number>;
  config: IncidentConfig;
}

export function silenceIncidents(input: SilenceInput): Incident[] {
  const c = input.config;
  const out: Incident[] = [];
  const silentServices = new Set<string>();
  for (const mem of Object.values(input.history.services).sort((a, b) => (a.service < b.service ? -1 : 1))) {
    if (mem.perMinute <= 0 || mem.observedMinutes < c.minBaselineMinutes) continue;
    const last = input.serviceLast.get(mem.service);
    const silentFrom = last ?? input.windowFromMs;
    const gap = check(silentFrom, input.windowToMs, mem.perMinute, c);
    if (gap === undefined) continue;
    silentServices.add(mem.service);
    const what = last === undefined ? `logged nothing in the window` : `stopped logging at ${isoTime(last)}`;
    out.push(silence(mem.service, `service ${mem.service}`, `Silence: ${mem.service} ${what}`, silentFrom, gap, mem.perMinute, mem.observedMinutes, 40, input));
  }
  for (const mem of Object.values(input.history.templates).sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (silentServices.has(mem.service) || !input.serviceLast.has(mem.service)) continue;
    if (mem.perMinute < c.silenceTemplatePerMinute || mem.observedMinutes < c.minBaselineMinutes) continue;
    const last = input.templateLast.get(`${mem.service}\u0000${mem.id}`);
    const silentFrom = last ?? input.windowFromMs;
    const gap = check(silentFrom, input.windowToMs, mem.perMinute, c);
    if (gap === undefined) continue;
    const text = mem.template.length > 70 ? `${mem.template.slice(0, 69)}…` : mem.template;
    out.push(silence(mem.service, `template ${mem.id}`, `Silence: "${text}" stopped`, silentFrom, gap, mem.perMinute, mem.observedMinutes, 20, input));
  }
  return out;
}

function check(fromMs: number, toMs: number, perMinute: number, c: IncidentConfig): { minutes: number; expected: number } | undefined {
  const minutes = (toMs - fromMs) / 60_000;
  const expected = perMinute * minutes;
  if (minutes < c.silenceMinMinutes || expected < c.silenceMinExpected) return undefined;
  return { minutes, expected };
}

function silence(
  service: string, basis: string, title: string, fromMs: number, gap: { minutes: number; expected: number },
  perMinute: number, observedMinutes: number, base: number, input: SilenceInput,
): Incident {
  const key = stableHash([service, String(FINGERPRINT_VERSION), 'silence', basis]);
  const points = round(Math.min(20, 10 * Math.log10(gap.expected)));
  const total = round(base + points);
  const mem = input.history.incidents[key];
  const at = isoTime(fromMs);
  return {
    key,
    fingerprint: { version: FINGERPRINT_VERSION, kind: 'silence', basis },
    title,
    score: {
      total,
      priority: priorityOf(total),
      thresholds: PRIORITY_THRESHOLDS,
      components: [
        { name: 'silence', measured: basis.startsWith('service') ? 'whole service' : 'one template', points: base, why: 'a silent service 40, a silent frequent template 20' },
        { name: 'expected', measured: `${round(gap.expected)} entries expected in ${round(gap.minutes)} min at ${round(perMinute, 2)}/min`, points, why: 'min(20, 10·log10(expected entries missing))' },
      ],
    },
    classification: mem === undefined ? 'new' : 'other',
    classificationReason: mem === undefined ? 'first time this silence is seen' : `silent before: last recorded ${mem.lastSeen}`,
    service,
    count: 0,
    bySeverity: {},
    firstSeen: at,
    lastSeen: at,
    allTimeFirstSeen: mem?.firstSeen ?? at,
    allTimeLastSeen: at,
    perMinute: [],
    peakPerMinute: { minute: isoMinute(fromMs), count: 0 },
    currentPerMinute: 0,
    revisions: [],
    instances: 0,
    traces: 0,
    templates: [],
    samples: [],
    grouping: [`no entries from ${isoTime(fromMs)} to ${isoTime(input.windowToMs)}, where earlier runs saw ${round(perMinute, 2)}/min over ${observedMinutes} minutes`],
    hints: [],
    related: [],
  };
}

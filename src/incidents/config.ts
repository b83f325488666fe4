import { z } from 'zod';
import { GardenerError } from '../core/errors.js';
import type { EdgeThresholds } from './cluster.js';
import type { EvidenceLimits } from './evidence.js';
import { noRules, type Rules } from './rules.js';

// Every tunable of the incident analysis in one place, each with what it trades off.

export interface IncidentConfig {
  rules: Rules;
  evidence: EvidenceLimits;
  /** What a group needs before it joins another (see cluster.ts). Higher = fewer, surer joins. */
  thresholds: EdgeThresholds;
  /** A revision that first logged this recently before the window's end is "under active development". */
  activeDevHours: number;
  /** An incident absent this long before the window counts as resolved even if not marked so. */
  quietHours: number;
  /** Spike: needs this many minutes of baseline; below it the spike is not computed. */
  minBaselineMinutes: number;
  /** Silence: a service/template whose expected entries in the silent stretch reach this, is silent. */
  silenceMinExpected: number;
  /** Silence: the silent stretch must last at least this many minutes. */
  silenceMinMinutes: number;
  /** Silence: only templates logging at least this often per minute in history are watched. */
  silenceTemplatePerMinute: number;
  /** Samples per incident. */
  samples: number;
  /** Templates listed per incident. */
  templatesPerIncident: number;
}

export function defaultIncidentConfig(): IncidentConfig {
  return {
    rules: noRules(),
    evidence: {
      maxTraces: 20_000, // a trace rarely outlives a few thousand requests; more costs memory only
      maxInstances: 2_000,
      perInstance: 128, // records remembered per instance: enough for a burst of concurrent requests
      exitWindowMs: 60_000, // a start-up crash prints its error and exits within seconds
      fragmentWindowMs: 2_000,
      requestSlackMs: 100, // request log and app log clocks differ by a few ms
      errorPairWindowMs: 1_000,
      // Cloud Run answers 503 for a crashing instance until it is replaced: a minute or two after the crash.
      serverErrorWindowMs: 120_000,
    },
    thresholds: {
      trace: { ratio: 0.5, support: 1 },
      // Two errors close in time, or an error inside one slow request, can be chance: at least twice.
      request: { ratio: 0.8, support: 3, floor: 2 },
      fragment: { ratio: 0.5, support: 1 },
      exit: { ratio: 0.5, support: 1 },
      // Two errors join on proximity only when each is near the other most of the time.
      'error-pair': { ratio: 0.8, support: 3, floor: 2, reverse: 0.8 },
      'instance-5xx': { ratio: 0.5, support: 2 },
    },
    activeDevHours: 24,
    quietHours: 72,
    minBaselineMinutes: 10,
    silenceMinExpected: 10,
    silenceMinMinutes: 5,
    silenceTemplatePerMinute: 1,
    samples: 3,
    templatesPerIncident: 8,
  };
}

const positive = z.number().positive();
const threshold = z.object({ ratio: z.number().min(0).max(1), support: z.number().int().min(1), floor: z.number().int().min(1).optional(), reverse: z.number().min(0).max(1).optional() }).strict();
// What a config file may set (rules come from the rules file, compiled by parseRules).
const tunables = z
  .object({
    evidence: z.object({
      maxTraces: positive.int(), maxInstances: positive.int(), perInstance: positive.int(), exitWindowMs: positive, fragmentWindowMs: positive,
      requestSlackMs: z.number().min(0), errorPairWindowMs: positive, serverErrorWindowMs: positive,
    }).strict().partial(),
    thresholds: z.object({ trace: threshold, request: threshold, fragment: threshold, exit: threshold, 'error-pair': threshold, 'instance-5xx': threshold }).strict().partial(),
    activeDevHours: positive, quietHours: positive, minBaselineMinutes: positive, silenceMinExpected: positive, silenceMinMinutes: positive,
    silenceTemplatePerMinute: positive, samples: z.number().int().min(1).max(10), templatesPerIncident: z.number().int().min(1).max(100),
  })
  .strict()
  .partial();

/** Defaults overlaid with what the caller gave (a partial config, e.g. from the config file); validated. */
export function resolveIncidentConfig(partial: Partial<IncidentConfig> | undefined): IncidentConfig {
  const d = defaultIncidentConfig();
  if (partial === undefined) return d;
  const { rules: _rules, ...rest } = partial;
  const checked = tunables.safeParse(rest);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new GardenerError('config', `incidents config: ${(issue?.path ?? []).join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}`, {
      hint: 'see docs/incidents.md for the settings and their meaning',
    });
  }
  return {
    ...d,
    ...partial,
    rules: partial.rules ?? d.rules,
    evidence: { ...d.evidence, ...(partial.evidence ?? {}) },
    thresholds: { ...d.thresholds, ...(partial.thresholds ?? {}) },
  };
}

import { z } from 'zod';
import { SEVERITIES } from '../core/severity.js';

// One validated configuration object, built once by the CLI (defaults < config file < environment
// < flags) and passed down. Sections belonging to a module hold that module's own settings.

const severity = z.enum(SEVERITIES as [string, ...string[]]);

export const configSchema = z
  .object({
    /** Where state lives: a SQLite path (default), `postgres://…`, or `:memory:`. */
    state: z.string().default('.log-gardener/state.db'),
    /** Where worklogs are written: <out>/<service>/<from>--<to>.{md,json,html}. */
    out: z.string().default('out'),
    minSeverity: severity.optional(),
    /** A YAML rules file (merge, split, ignore, title, priority, owner). */
    rules: z.string().optional(),
    gcp: z
      .object({
        project: z.string().optional(),
        service: z.string().optional(),
        resourceType: z.string().default('cloud_run_revision'),
        /** Overlap re-read before the cursor with --since last, to catch late arrivals. */
        overlapMinutes: z.number().int().min(0).max(1440).default(5),
        pageSize: z.number().int().min(1).max(1000).default(1000),
        maxRequestsPerMinute: z.number().int().min(1).max(600).default(60),
      })
      .strict()
      .default({}),
    github: z.record(z.unknown()).default({}),
    miner: z.record(z.unknown()).default({}),
    incidents: z.record(z.unknown()).default({}),
  })
  .strict();

export type GardenerConfig = z.infer<typeof configSchema>;

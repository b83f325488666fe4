// The schema of a miner snapshot (snapshot.ts), checked when one is read back. Its own module so
// that writing a snapshot, and mining without one, do not load zod (issue 3 counts start-up).

import { z } from 'zod';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './snapshot.js';

const counters = z.object({
  lines: z.number(), templates: z.number(), skipped: z.number(), truncated: z.number(), evicted: z.number(),
  overflow: z.number(), evictedLines: z.number(), merged: z.number(),
});

const schema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  config: z.record(z.unknown()),
  tick: z.number(),
  seq: z.number(),
  evictionTicks: z.array(z.number()),
  breakerOpenUntil: z.number(),
  counters,
  aliases: z.array(z.tuple([z.string(), z.string()])),
  pseudo: z.array(z.object({ id: z.string(), template: z.string() })),
  partitions: z.array(z.object({
    key: z.string(),
    /** Clusters in creation order (the order of the per-length lists). */
    clusters: z.array(z.object({
      id: z.string(), tokens: z.array(z.string()), size: z.number(), lastSeen: z.number(), seq: z.number(), key: z.string(),
    })),
    /** Leaves in creation order with their clusters' ids in leaf order (decides tie-breaks). */
    leaves: z.array(z.object({ path: z.array(z.string()), ids: z.array(z.string()) })),
  })),
});

export type MinerSnapshot = z.infer<typeof schema>;

/** Validates untrusted snapshot JSON; throws an Error that says what is wrong. */
export function parseSnapshot(data: unknown): MinerSnapshot {
  const r = schema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`not a miner snapshot (${SNAPSHOT_FORMAT} v${SNAPSHOT_VERSION}): ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  return r.data;
}

import { GardenerError } from '../core/errors.js';
import type { IncidentState } from '../core/history.js';
import type { RunOutcome, RunRecord, StoredRun } from './store.js';

// Checks shared by every backend, so bad input fails the same way whichever store is behind it.

export function storeError(message: string, hint?: string, cause?: unknown): GardenerError {
  return new GardenerError('store', message, { ...(hint === undefined ? {} : { hint }), ...(cause === undefined ? {} : { cause }) });
}

export function checkEntry(service: string, e: { insertId: string; timeMs: number }): void {
  if (typeof e.insertId !== 'string' || e.insertId === '') {
    throw storeError(`claimFresh(${service}): an entry has an empty insertId`, 'every record needs an insertId (text inputs derive one)');
  }
  if (!Number.isFinite(e.timeMs)) {
    throw storeError(`claimFresh(${service}): entry ${e.insertId} has no valid timeMs (${String(e.timeMs)})`);
  }
}

const STATES: readonly IncidentState[] = ['open', 'resolved', 'ignored'];
export function checkState(key: string, state: string): asserts state is IncidentState {
  if (!(STATES as readonly string[]).includes(state)) {
    throw storeError(`incident ${key}: unknown state ${JSON.stringify(state)}`, `use one of ${STATES.join(', ')}`);
  }
}

export function checkOutcome(id: string, o: RunOutcome): void {
  if (!['ok', 'partial', 'failed'].includes(o.status)) {
    throw storeError(`finishRun(${id}): unknown status ${JSON.stringify(o.status)}`, 'use ok, partial or failed');
  }
}

export function serializeMinerState(scope: string, state: unknown): string {
  const text = JSON.stringify(state);
  if (text === undefined) throw storeError(`saveMinerState(${scope}): the state is not JSON-serializable`);
  return text;
}

export const unknownRun = (id: string) =>
  storeError(`finishRun: no run ${JSON.stringify(id)} was begun`, 'call beginRun before finishRun');
export const unknownIncident = (what: string, key: string) =>
  storeError(`${what}: no incident ${JSON.stringify(key)} in the store`, 'save the incident with saveIncidents first');
export const duplicateRun = (id: string) =>
  storeError(
    `beginRun: run id ${JSON.stringify(id)} is already taken by a run of another service or window`,
    'run ids are content hashes of service, window and start; two different runs must not share one',
  );

/** Run ids are content hashes: the same id for the same service and window is the same run begun again
 * (a retry, or a fixed clock in tests), which re-opens it; anything else is a collision. */
export const sameRun = (a: RunRecord, b: RunRecord): boolean =>
  a.service === b.service && a.windowFrom === b.windowFrom && a.windowTo === b.windowTo;

/** Oldest first by start time, then id, the same in every backend. */
export function sortRuns(runs: StoredRun[]): StoredRun[] {
  return runs.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

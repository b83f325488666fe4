// Library entry: types and pure functions only, no side effects on import.
export * from './core/severity.js';
export * from './core/clock.js';
export * from './core/errors.js';
export type * from './core/record.js';
export type * from './core/incident.js';
export type * from './core/source.js';
export type * from './core/miner.js';
export type * from './report/model.js';

// Incidents: fingerprints, grouping, analysis, priority, classification, titles and hints.
// Pure: records and history in, incidents and what to save out.
export { createIncidentEngine } from './engine.js';
export type { FinishContext, IncidentEngine, IncidentResult } from './engine.js';
export { defaultIncidentConfig, resolveIncidentConfig } from './config.js';
export type { IncidentConfig } from './config.js';
export { parseRules, noRules } from './rules.js';
export type { Rule, Rules, RuleSpec } from './rules.js';
export { FINGERPRINT_VERSION, fingerprintOf, exceptionFingerprint, requestFingerprint, maskMessage } from './fingerprint.js';
export type { Fingerprint, FingerprintKind } from './fingerprint.js';
export { routePattern, statusClass } from './route.js';
export { PRIORITY_THRESHOLDS, priorityOf, scoreIncident } from './score.js';
export { pairwiseF1 } from './pairwise-f1.js';
export { isRoutine } from './routine.js';

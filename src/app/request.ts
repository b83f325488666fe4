import type { Severity } from '../core/severity.js';

// What the user asked for, already validated by the CLI. The run is a function of this, the
// configuration, the store and the injected clock/environment.

export interface CloudSource {
  project: string;
  service: string;
  via: 'api' | 'gcloud';
  resourceType: string;
  extraFilter?: string;
}

export interface RunRequest {
  /** File inputs ('-' = stdin). Empty when reading Cloud Logging. */
  inputs: string[];
  cloud?: CloudSource;
  window: { since?: string; from?: string; to?: string };
  minSeverity?: Severity;
  /** With file inputs: analyse only this service. */
  service?: string;
  outDir: string;
  assignmentsPath?: string;
  rulesPath?: string;
  apply: boolean;
  repo?: string;
}

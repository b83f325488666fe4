import type { ParsedException } from '../core/record.js';
import type { IncidentFigures } from './stats.js';

// What titles and hints read about an incident: its texts and figures, already measured.
export interface IncidentView {
  /** Templates of the incident, most frequent first (ties by id), with their text. */
  templates: { id: string; text: string; count: number }[];
  exception?: ParsedException;
  figures: IncidentFigures;
  /** Failed-request routes of the incident, most frequent first. */
  requests: { method: string; route: string; status: number; count: number }[];
  /** Most of its errors came within a minute of their instance's first entry: it fails at start-up. */
  startUp?: boolean;
  /** A revision of the incident was deployed inside the window or recently. */
  freshRevision?: string;
}

// What the analysis needs to know of earlier runs. The app loads it from the store before the
// analysis and passes it in as data, so src/incidents stays pure.

export type IncidentState = 'open' | 'resolved' | 'ignored';

export interface IncidentMemory {
  key: string;
  service: string;
  title: string;
  state: IncidentState;
  /** All-time, over every earlier run. */
  firstSeen: string;
  lastSeen: string;
  totalCount: number;
  /** When it was marked resolved (absent for a quiet period, or its issue closed as completed). */
  resolvedAt?: string;
  /** Revisions it was seen in. */
  revisions: string[];
  /** Mean count per minute over the minutes earlier runs observed (0 when it never appeared). */
  baselinePerMinute: number;
  /** How many minutes of earlier observation the baseline rests on. */
  baselineMinutes: number;
  issueNumber?: number;
}

export interface RevisionMemory {
  service: string;
  name: string;
  /** When the revision first logged anything we read. */
  firstLogged: string;
}

export interface TemplateMemory {
  id: string;
  service: string;
  template: string;
  lastSeen: string;
  /** Mean entries per minute while it was observed; used to notice a frequent template falling silent. */
  perMinute: number;
  observedMinutes: number;
}

export interface ServiceMemory {
  service: string;
  lastSeen: string;
  perMinute: number;
  observedMinutes: number;
  runs: number;
}

export interface History {
  incidents: Record<string, IncidentMemory>;
  revisions: Record<string, RevisionMemory>;
  templates: Record<string, TemplateMemory>;
  services: Record<string, ServiceMemory>;
}

export const emptyHistory = (): History => ({ incidents: {}, revisions: {}, templates: {}, services: {} });

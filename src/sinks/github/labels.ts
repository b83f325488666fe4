import type { Classification, Incident, Priority } from '../../core/incident.js';
import type { GithubConfig } from './config.js';
import type { LabelCreate } from './port.js';

// Which labels an incident's issue carries. We own the managed label, the four priority labels and
// the four classification labels: those are added and removed to match; every other label on the
// issue (a person's, or `recurred`) is left alone.

const PRIORITIES: Priority[] = ['P0', 'P1', 'P2', 'P3'];
const CLASSIFICATIONS: Classification[] = ['new', 'regression', 'active-dev', 'other'];

export const priorityLabel = (p: string, c: GithubConfig) => `${c.labels.priorityPrefix}${p}`;
export const classificationLabel = (k: string, c: GithubConfig) => `${c.labels.classificationPrefix}${k}`;

export function desiredLabels(incident: Incident, config: GithubConfig): string[] {
  return [config.labels.managed, priorityLabel(incident.score.priority, config), classificationLabel(incident.classification, config)];
}

export function ownedLabels(config: GithubConfig): Set<string> {
  return new Set([config.labels.managed, ...PRIORITIES.map((p) => priorityLabel(p, config)), ...CLASSIFICATIONS.map((k) => classificationLabel(k, config))]);
}

/** The labels after relabelling: foreign ones kept (in their order), ours set to `desired`. */
export function relabelled(current: readonly string[], desired: readonly string[], config: GithubConfig, extra: readonly string[] = []): string[] {
  const owned = ownedLabels(config);
  const lower = (s: string) => s.toLowerCase();
  const ownedLower = new Set([...owned].map(lower));
  const out = current.filter((l) => !ownedLower.has(lower(l)));
  for (const l of [...desired, ...extra]) if (!out.some((x) => lower(x) === lower(l))) out.push(l);
  return out;
}

export const sameLabels = (a: readonly string[], b: readonly string[]): boolean => {
  const norm = (x: readonly string[]) => [...new Set(x.map((l) => l.toLowerCase()))].sort().join('\n');
  return norm(a) === norm(b);
};

const COLORS: Record<string, string> = { P0: 'b60205', P1: 'd93f0b', P2: 'fbca04', P3: 'c5def5', new: '1d76db', regression: 'e11d21', 'active-dev': '5319e7', other: 'bfd4f2' };

export function labelSpec(name: string, config: GithubConfig): LabelCreate {
  if (name === config.labels.managed) return { name, color: '0e8a16', description: 'Filed and kept in sync by log-gardener' };
  if (name === config.labels.recurred) return { name, color: 'f9d0c4', description: 'Came back after the issue was closed' };
  const p = PRIORITIES.find((x) => priorityLabel(x, config) === name);
  if (p) return { name, color: COLORS[p]!, description: `log-gardener priority ${p}` };
  const k = CLASSIFICATIONS.find((x) => classificationLabel(x, config) === name);
  if (k) return { name, color: COLORS[k]!, description: `log-gardener classification: ${k}` };
  return { name, color: 'ededed' };
}

import type { Incident } from '../../core/incident.js';
import { redactSecrets, neutralizeMentions } from '../../safety/index.js';
import type { GithubConfig } from './config.js';

// Issue titles follow the convention users already have: `GCP-{classification} | {priority} | {title}`.
// The title is never identity (people rename issues); it is rendered for humans.

const GITHUB_TITLE_MAX = 256;

export interface TitleFields {
  classification: string;
  priority: string;
  title: string;
  service: string;
  key: string;
}

export function renderTitle(template: string, f: TitleFields, redactEmails = false): string {
  const clean = (s: string) => neutralizeMentions(redactSecrets(s, { emails: redactEmails })).replace(/\s+/g, ' ').trim();
  const out = template.replace(/\{(classification|priority|title|service|key)\}/g, (_m, name: keyof TitleFields) => clean(f[name]));
  const one = out.replace(/\s+/g, ' ').trim();
  return one.length <= GITHUB_TITLE_MAX ? one : `${one.slice(0, GITHUB_TITLE_MAX - 1)}…`;
}

export function incidentTitle(incident: Incident, config: GithubConfig): string {
  return renderTitle(
    config.titleTemplate,
    { classification: incident.classification, priority: incident.score.priority, title: incident.title, service: incident.service, key: incident.key },
    config.redactEmails,
  );
}

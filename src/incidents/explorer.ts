import { logsExplorerUrl } from '../ingest/gcp/explorer-url.js';
import type { GroupAcc } from './group-acc.js';
import { readable } from './titles.js';

// A Logs Explorer link for an incident: the service, the time it was seen, and what identifies its
// main part (the exception type, the failing route, or the longest constant phrase of its template).

export function explorerLink(
  project: string | undefined, primary: GroupAcc, templateText: string | undefined, firstMs: number, lastMs: number,
): string | undefined {
  if (project === undefined || primary.service === '') return undefined;
  const lines = [`resource.labels.service_name="${q(primary.service)}"`];
  const fp = primary.fingerprint;
  if (fp.kind === 'exception' && primary.exception !== undefined) lines.push(`"${q(primary.exception.type.split('.').pop() ?? primary.exception.type)}"`);
  else if (fp.kind === 'request' && primary.http !== undefined) {
    const cls = /(\d)xx$/.exec(fp.basis)?.[1];
    if (primary.http.method !== undefined && primary.http.method !== '?') lines.push(`httpRequest.requestMethod="${q(primary.http.method)}"`);
    if (cls !== undefined) lines.push(`httpRequest.status>=${cls}00 httpRequest.status<${Number(cls) + 1}00`);
    const fixed = (primary.http.route ?? '').split(/<\w+>/)[0];
    if (fixed !== undefined && fixed.length > 1) lines.push(`httpRequest.requestUrl:"${q(fixed)}"`);
  } else if (templateText !== undefined) {
    const phrase = longestConstant(readable(templateText));
    if (phrase !== undefined) lines.push(`"${q(phrase)}"`);
  }
  const from = new Date(Math.floor(firstMs / 60_000) * 60_000).toISOString();
  const to = new Date(Math.floor(lastMs / 60_000) * 60_000 + 60_000).toISOString();
  return logsExplorerUrl({ project, query: lines.join('\n'), from, to });
}

function longestConstant(template: string): string | undefined {
  const best = template
    .split('<*>')
    .map((s) => s.trim())
    .filter((s) => s.length >= 4)
    .sort((a, b) => b.length - a.length)[0];
  return best === undefined ? undefined : best.slice(0, 80);
}

function q(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

// Hidden markers hold identity in issue and comment bodies (renovate's dependency-dashboard habit).
// A marker counts only as the FIRST line of a body authored by our own login (checked by callers),
// and untrusted text has its `<!--` defused (defuseComments), so log lines cannot plant one.

export const MARKER_VERSION = 1;

const enc = (key: string) => encodeURIComponent(key);
const dec = (key: string): string | undefined => {
  try {
    return decodeURIComponent(key);
  } catch {
    return undefined;
  }
};

export const issueMarker = (key: string): string => `<!-- log-gardener:key=${enc(key)};v=${MARKER_VERSION} -->`;
export const statusMarker = (key: string): string => `<!-- log-gardener:status;key=${enc(key)};v=${MARKER_VERSION} -->`;
export const eventMarker = (key: string, eventId: string): string => `<!-- log-gardener:event;key=${enc(key)};id=${eventId} -->`;

const firstLine = (body: string | null): string => (body ?? '').split('\n', 1)[0]!.trim();

export interface IssueMarker {
  key: string;
  version: number;
}

export function parseIssueMarker(body: string | null): IssueMarker | undefined {
  const m = /^<!-- log-gardener:key=([^;\s]+);v=(\d+) -->$/.exec(firstLine(body));
  const key = m ? dec(m[1]!) : undefined;
  return m && key !== undefined ? { key, version: Number(m[2]) } : undefined;
}

export function parseStatusMarker(body: string | null): IssueMarker | undefined {
  const m = /^<!-- log-gardener:status;key=([^;\s]+);v=(\d+) -->$/.exec(firstLine(body));
  const key = m ? dec(m[1]!) : undefined;
  return m && key !== undefined ? { key, version: Number(m[2]) } : undefined;
}

export function parseEventMarker(body: string | null): { key: string; eventId: string } | undefined {
  const m = /^<!-- log-gardener:event;key=([^;\s]+);id=([A-Za-z0-9]+) -->$/.exec(firstLine(body));
  const key = m ? dec(m[1]!) : undefined;
  return m && key !== undefined ? { key, eventId: m[2]! } : undefined;
}

/** Data carried in a hidden line (JSON with `<` `>` escaped so it can never close the comment). */
export function dataLine(tag: string, data: unknown): string {
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/--/g, '-\\u002d');
  return `<!-- log-gardener:${tag} ${json} -->`;
}

export function parseDataLine(body: string | null, tag: string): unknown {
  for (const line of (body ?? '').split('\n')) {
    const prefix = `<!-- log-gardener:${tag} `;
    if (line.startsWith(prefix) && line.endsWith(' -->')) {
      try {
        return JSON.parse(line.slice(prefix.length, -4));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Makes HTML comment openers in untrusted text inert (a zero width joiner after `<!`). */
export const defuseComments = (text: string): string => text.replace(/<!--/g, '<!\u200D--').replace(/-->/g, '-\u200D->');

// The GitHub part of the report is typed `unknown` in the model (the sink owns its shape). The app
// puts in a summary of the plan; this reads it defensively so the worklog can show it, and falls back
// to a plain mention when the shape is not the one known here.

export interface GithubSummaryView {
  repo: string;
  applied: boolean;
  /** Planned actions by kind, in a fixed order (create first), then any other kinds by name. */
  actions: [kind: string, count: number][];
  done: number;
  deferred: number;
  failed: number;
}

const KIND_ORDER = ['create', 'update-status', 'comment', 'relabel', 'reopen', 'link', 'defer', 'noop'];

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export function githubSummaryOf(value: unknown): GithubSummaryView | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.repo !== 'string' || typeof v.applied !== 'boolean' || !isCount(v.done) || !isCount(v.deferred) || !isCount(v.failed)) return undefined;
  if (v.actions === null || typeof v.actions !== 'object') return undefined;
  const entries = Object.entries(v.actions as Record<string, unknown>).filter((e): e is [string, number] => isCount(e[1]));
  const rank = (k: string): number => (KIND_ORDER.includes(k) ? KIND_ORDER.indexOf(k) : KIND_ORDER.length);
  entries.sort((a, b) => rank(a[0]) - rank(b[0]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { repo: v.repo, applied: v.applied, actions: entries, done: v.done, deferred: v.deferred, failed: v.failed };
}

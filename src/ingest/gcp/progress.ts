// Progress of a long read, reported after every page. The CLI decides whether to show it
// (stderr is a terminal, no --quiet); this module only formats.

export interface ReadProgress {
  pages: number;
  entries: number;
  /** Entries per second since the read began (0 until time has passed). */
  entriesPerSecond: number;
  /** Set while waiting before a retry or for the rate limit. */
  waiting?: { reason: string; ms: number };
}

const fmt = new Intl.NumberFormat('en-US');

export function formatProgress(p: ReadProgress, label = 'cloud logging'): string {
  const base = `${label}: ${fmt.format(p.pages)} page${p.pages === 1 ? '' : 's'}, ${fmt.format(p.entries)} entr${p.entries === 1 ? 'y' : 'ies'}, ${fmt.format(Math.round(p.entriesPerSecond))} entries/s`;
  return p.waiting ? `${base} (waiting ${(p.waiting.ms / 1000).toFixed(1)}s: ${p.waiting.reason})` : base;
}

import type { Edge } from './evidence.js';
import type { GroupAcc } from './group-acc.js';
import { readable } from './titles.js';

// Why parts were grouped, in one line per join, quoting what was joined and the measured support.

const MAX_LABEL = 70;

export function groupLabel(g: GroupAcc, templates: (id: string) => { template: string } | undefined): string {
  if (g.fingerprint.kind === 'request' || g.fingerprint.kind === 'exception' || g.fingerprint.kind === 'rule') return clip(g.fingerprint.basis);
  const top = [...g.templates.values()].sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1))[0];
  const text = top === undefined ? g.fingerprint.basis : templates(top.id)?.template ?? top.samples[0]?.text ?? top.id;
  return clip(readable(text.split('\n')[0] ?? text));
}

export function explainJoin(e: Edge, label: (key: string) => string): string {
  const from = `"${label(e.from)}"`;
  const to = `"${label(e.to)}"`;
  const n = `${e.support} of ${e.of}`;
  switch (e.kind) {
    case 'trace':
      return `${from} shares a trace with ${to} (${n} traces)`;
    case 'request':
      return `${from} was logged inside failed requests ${to} on the same instance (${n} entries)`;
    case 'fragment':
      return `${from} is a traceback fragment printed next to ${to} on the same instance (${n} entries)`;
    case 'exit':
      return `${from}: the instance exited within a minute after ${to} (${n} exits)`;
    case 'error-pair':
      return `${from} is logged within a second of ${to} on the same instance (${n} entries)`;
    case 'instance-5xx':
      return `${from} was served by an instance logging ${to} within two minutes (${n} responses)`;
  }
}

function clip(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > MAX_LABEL ? `${line.slice(0, MAX_LABEL - 1)}…` : line;
}

import { LruMap } from './lru.js';
import type { RecordRole } from './signals.js';

// Correlation evidence between groups, gathered per record in add() and judged in finish().
// Memory is bounded: traces and instances live in LRU maps, each instance keeps only its last few
// non-plain records, and the counters are keyed by pairs of groups (bounded by templates, not lines).
// Input order is not assumed: gcloud prints newest first, files oldest first; every test below is
// made in both directions.

export type EdgeKind = 'trace' | 'request' | 'fragment' | 'exit' | 'error-pair' | 'instance-5xx';

/** Stronger evidence first: a group joins the incident it has the strongest evidence for. */
export const EDGE_RANK: Record<EdgeKind, number> = { trace: 0, fragment: 1, exit: 2, request: 3, 'error-pair': 4, 'instance-5xx': 5 };

export interface EvidenceLimits {
  /** Traces remembered at once (LRU). */
  maxTraces: number;
  /** Instances remembered at once (LRU). */
  maxInstances: number;
  /** Non-plain records remembered per instance. */
  perInstance: number;
  /** A process exit counts against errors up to this long before it on the same instance. */
  exitWindowMs: number;
  /** A traceback fragment belongs to an error this close to it on the same instance. */
  fragmentWindowMs: number;
  /** Slack around a failed request's [start, start + latency] for the app lines it produced. */
  requestSlackMs: number;
  /** Two errors this close on the same instance co-occur. */
  errorPairWindowMs: number;
  /** A 5xx served by an instance this close to an error on it. */
  serverErrorWindowMs: number;
}

/** How far apart two records can be and still relate (the widest of the windows above). */
function horizonOf(l: EvidenceLimits): number {
  return Math.max(l.exitWindowMs, l.fragmentWindowMs, l.errorPairWindowMs, l.serverErrorWindowMs);
}

interface Entry {
  group: string;
  t: number;
  role: RecordRole;
  status?: number;
  spanEnd?: number;
  credited?: Set<string>;
}

export interface Observation {
  group: string;
  role: RecordRole;
  timeMs: number;
  instance?: string;
  trace?: string;
  status?: number;
  latencyMs?: number;
}

export interface Edge {
  kind: EdgeKind;
  from: string;
  to: string;
  /** Occurrences (or traces) of `from` that carry the evidence. */
  support: number;
  /** Occurrences (or traced occurrences) of `from` the ratio is taken over. */
  of: number;
  ratio: number;
  /**
   * The same evidence seen from the target: for `exit`, the share of the target's errors that were
   * followed by an exit; for `error-pair`, the share of the target's entries near the source;
   * for `trace`, the share of the target's traces shared. Tells a cause that kills every time from a
   * line every start-up prints, crash or not.
   */
  reverse: number;
}

export class EvidenceCollector {
  private readonly traces: LruMap<string, Set<string>>;
  private readonly instances: LruMap<string, { entries: Entry[]; next: number }>;
  private readonly occurrences = new Map<string, number>();
  private readonly traced = new Map<string, number>();
  private readonly shared = new Map<string, number>();
  private readonly directed = new Map<string, number>();
  private readonly horizon: number;

  constructor(private readonly limits: EvidenceLimits) {
    this.traces = new LruMap(limits.maxTraces);
    this.instances = new LruMap(limits.maxInstances);
    this.horizon = horizonOf(limits);
  }

  add(o: Observation): void {
    this.occurrences.set(o.group, (this.occurrences.get(o.group) ?? 0) + 1);
    if (o.role === 'plain') return;
    if (o.trace !== undefined) this.addTrace(o.group, o.trace);
    if (o.instance !== undefined) this.addInstance(o);
  }

  private addTrace(group: string, trace: string): void {
    let set = this.traces.get(trace);
    if (set === undefined) {
      set = new Set();
      this.traces.set(trace, set);
    }
    if (set.has(group) || set.size >= 64) return;
    for (const other of set) bump(this.shared, pairKey(group, other));
    set.add(group);
    bump(this.traced, group);
  }

  private addInstance(o: Observation): void {
    let ring = this.instances.get(o.instance!);
    if (ring === undefined) {
      ring = { entries: [], next: 0 };
      this.instances.set(o.instance!, ring);
    }
    const x: Entry = { group: o.group, t: o.timeMs, role: o.role };
    if (o.status !== undefined) {
      x.status = o.status;
      // Spans are capped at the horizon: containment in a minutes-long request says little.
      x.spanEnd = o.timeMs + Math.min(this.horizon, Math.max(0, o.latencyMs ?? 0));
    }
    const reach = this.horizon + this.limits.requestSlackMs;
    for (const y of ring.entries) {
      if (y.group === x.group) continue;
      const dt = x.t - y.t;
      if (dt > reach + (y.spanEnd !== undefined ? y.spanEnd - y.t : 0) || -dt > reach + (x.spanEnd !== undefined ? x.spanEnd - x.t : 0)) continue;
      this.relate(x, y);
      this.relate(y, x);
    }
    // A fixed-size circular buffer: the oldest entry is overwritten.
    if (ring.entries.length < this.limits.perInstance) ring.entries.push(x);
    else {
      ring.entries[ring.next] = x;
      ring.next = (ring.next + 1) % this.limits.perInstance;
    }
  }

  /** Credits `s` (the satellite) with evidence towards `a`'s group, once per kind and group. */
  private relate(s: Entry, a: Entry): void {
    const L = this.limits;
    const dt = s.t - a.t;
    if (s.role === 'exit' && a.role === 'anchor' && dt >= 0 && dt <= L.exitWindowMs) {
      this.credit(s, 'exit', a.group);
      this.credit(a, 'died', s.group);
    }
    if (s.role === 'fragment' && a.role === 'anchor' && Math.abs(dt) <= L.fragmentWindowMs) this.credit(s, 'fragment', a.group);
    if (
      a.role === 'failed-request' && a.spanEnd !== undefined && s.role !== 'failed-request' &&
      s.t >= a.t - L.requestSlackMs && s.t <= a.spanEnd + L.requestSlackMs
    ) this.credit(s, 'request', a.group);
    if (s.role === 'failed-request' && (s.status ?? 0) >= 500 && a.role === 'anchor' && Math.abs(dt) <= L.serverErrorWindowMs) {
      this.credit(s, 'instance-5xx', a.group);
    }
    if (s.role === 'anchor' && a.role === 'anchor' && Math.abs(dt) <= L.errorPairWindowMs) this.credit(s, 'error-pair', a.group);
  }

  private credit(s: Entry, kind: EdgeKind | 'died', to: string): void {
    const tag = `${kind}\u0000${to}`;
    s.credited ??= new Set();
    if (s.credited.has(tag)) return;
    s.credited.add(tag);
    bump(this.directed, `${kind}\u0000${s.group}\u0000${to}`);
  }

  occurrencesOf(group: string): number {
    return this.occurrences.get(group) ?? 0;
  }

  /** Every directed edge with its support and ratio; thresholds are applied by the clustering. */
  edges(): Edge[] {
    const out: Edge[] = [];
    for (const [key, support] of this.shared) {
      const [a, b] = key.split('\u0000') as [string, string];
      for (const [from, to] of [[a, b], [b, a]] as const) {
        const of = this.traced.get(from) ?? 0;
        const ofTo = this.traced.get(to) ?? 0;
        if (of > 0) out.push({ kind: 'trace', from, to, support, of, ratio: support / of, reverse: ofTo > 0 ? support / ofTo : 0 });
      }
    }
    for (const [key, support] of this.directed) {
      const [kind, from, to] = key.split('\u0000') as [EdgeKind | 'died', string, string];
      if (kind === 'died') continue;
      const of = this.occurrencesOf(from);
      const back = kind === 'exit' ? 'died' : kind === 'error-pair' ? 'error-pair' : undefined;
      const reverseSupport = back === undefined ? 0 : this.directed.get(`${back}\u0000${to}\u0000${from}`) ?? 0;
      const ofTo = this.occurrencesOf(to);
      if (of > 0) out.push({ kind, from, to, support, of, ratio: support / of, reverse: ofTo > 0 ? reverseSupport / ofTo : 0 });
    }
    return out;
  }
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

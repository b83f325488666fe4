import { stableHash } from '../core/hash.js';
import type { History } from '../core/history.js';
import type { Incident, MinuteCount, Priority, TemplateSummary } from '../core/incident.js';
import type { LogRecord } from '../core/record.js';
import type { IncidentObservation, TemplateObservation } from '../store/store.js';
import { beatsChance, chanceOf } from './chance.js';
import { classify, type RevisionAge } from './classify.js';
import { chooseJoins, UnionFind } from './cluster.js';
import { resolveIncidentConfig, type IncidentConfig } from './config.js';
import { EvidenceCollector, type Edge } from './evidence.js';
import { fingerprintOf, type Fingerprint } from './fingerprint.js';
import { topInAppFrames } from './frames.js';
import { addToGroup, MINUTE_MS, newGroup, type GroupAcc } from './group-acc.js';
import { groupLabel } from './explain.js';
import { failedRequests, grouping, incidentOrder, observationOf, pickSamples, primaryOrder } from './assemble.js';
import { explorerLink } from './explorer.js';
import { hintsFor } from './hints.js';
import { LruMap } from './lru.js';
import { routePattern } from './route.js';
import { applyRules, type Rule } from './rules.js';
import { scoreIncident } from './score.js';
import { silenceIncidents } from './silence.js';
import { roleOf, type RecordRole } from './signals.js';
import { figuresOf, isoTime, revisionsSeen, round } from './stats.js';
import { titleOf } from './titles.js';
import type { IncidentView } from './view.js';

// The incident engine: add() runs once per record and only counts (cheap, bounded memory);
// finish() turns the counts and correlation evidence into analysed incidents.

export interface FinishContext {
  history: History;
  templates: (id: string) => { id: string; template: string } | undefined;
  window: { from: string; to: string };
  now: string;
}

export interface IncidentResult {
  incidents: Incident[];
  observations: IncidentObservation[];
  templateObservations: TemplateObservation[];
  revisions: { service: string; name: string; firstLogged: string }[];
  /** Group key → incident key (undefined for ignored groups), for the assignments file. */
  assignmentOf(groupKey: string): string | undefined;
}

export interface IncidentEngine {
  /** Counts one record (in input order) and returns its group key. */
  add(record: LogRecord, templateId: string, fresh: boolean): string;
  /** The group key a record would get, without counting it. */
  groupKeyOf(record: LogRecord, templateId: string): string;
  finish(ctx: FinishContext): IncidentResult;
}

interface TemplateSeen {
  service: string;
  id: string;
  count: number;
  lastMs: number;
  minutes: Set<number>;
}

export function createIncidentEngine(config?: Partial<IncidentConfig>): IncidentEngine {
  const cfg = resolveIncidentConfig(config);
  const groups = new Map<string, GroupAcc>();
  const evidence = new EvidenceCollector(cfg.evidence);
  const serviceFirst = new Map<string, number>();
  const serviceLast = new Map<string, number>();
  const serviceRequests = new Map<string, number>();
  const revisionFirst = new Map<string, number>(); // "service\0revision" → first ms in window
  const instanceFirst = new LruMap<string, number>(20_000); // instance → its first entry in the window
  const templatesSeen = new Map<string, TemplateSeen>(); // "service\0templateId"

  // Hashing is the costliest step of add(); the same fingerprint recurs on most lines, so its key
  // is remembered (bounded: cleared if it ever grows past the limit).
  const keyMemo = new Map<string, string>();
  function hashOf(service: string, fp: Fingerprint): string {
    const memoKey = `${service}\u0000${fp.version}\u0000${fp.kind}\u0000${fp.basis}`;
    let key = keyMemo.get(memoKey);
    if (key === undefined) {
      key = stableHash([service, String(fp.version), fp.kind, fp.basis]);
      if (keyMemo.size >= 100_000) keyMemo.clear();
      keyMemo.set(memoKey, key);
    }
    return key;
  }

  function keyFor(record: LogRecord, templateId: string, role: RecordRole): { key: string; fp: Fingerprint; rule?: Rule; annotations: Rule[] } {
    const verdict = applyRules(cfg.rules, record);
    const rule = verdict.grouping;
    let fp = fingerprintOf(record, templateId, role);
    if (rule?.spec.merge !== undefined) fp = { version: fp.version, kind: 'rule', basis: `merge: ${rule.spec.merge}` };
    else if (rule?.spec.split_by_label !== undefined) {
      const label = rule.spec.split_by_label;
      fp = { ...fp, basis: `${fp.basis} | ${label}=${record.labels[label] ?? '(none)'}` };
    }
    const service = record.service ?? '';
    const key = hashOf(service, fp);
    return rule === undefined ? { key, fp, annotations: verdict.annotations } : { key, fp, rule, annotations: verdict.annotations };
  }

  function add(record: LogRecord, templateId: string, fresh: boolean): string {
    const role = roleOf(record);
    const { key, fp, rule, annotations } = keyFor(record, templateId, role);
    const service = record.service ?? '';
    let g = groups.get(key);
    if (g === undefined) {
      g = newGroup(key, service, fp, record);
      if (rule !== undefined) {
        g.rule = rule;
        g.ignored = rule.spec.ignore === true;
      }
      groups.set(key, g);
    }
    for (const a of annotations) if (!g.annotations.includes(a)) g.annotations.push(a);
    addToGroup(g, record, templateId, fresh, role);
    if (record.http?.status !== undefined && g.http !== undefined && g.http.route === undefined) {
      g.http.method = (record.http.method ?? '?').toUpperCase();
      g.http.route = record.http.url !== undefined ? routePattern(record.http.url) : '?';
    }
    evidence.add({
      group: key, role, timeMs: record.timeMs,
      ...(record.instanceId !== undefined ? { instance: record.instanceId } : {}),
      ...(record.trace !== undefined ? { trace: record.trace } : {}),
      ...(record.http?.status !== undefined ? { status: record.http.status } : {}),
      ...(record.http?.latencyMs !== undefined ? { latencyMs: record.http.latencyMs } : {}),
    });
    trackService(record, service, templateId);
    return key;
  }

  function trackService(record: LogRecord, service: string, templateId: string): void {
    const t = record.timeMs;
    if (record.instanceId !== undefined) {
      const first = instanceFirst.get(record.instanceId);
      if (first === undefined || t < first) instanceFirst.set(record.instanceId, t);
    }
    if (!(serviceFirst.get(service)! <= t)) serviceFirst.set(service, t);
    if (!(serviceLast.get(service)! >= t)) serviceLast.set(service, t);
    if (record.http?.status !== undefined) serviceRequests.set(service, (serviceRequests.get(service) ?? 0) + 1);
    if (record.revision !== undefined) {
      const rk = `${service}\u0000${record.revision}`;
      if (!(revisionFirst.get(rk)! <= t)) revisionFirst.set(rk, t);
    }
    const tk = `${service}\u0000${templateId}`;
    let ts = templatesSeen.get(tk);
    if (ts === undefined) {
      ts = { service, id: templateId, count: 0, lastMs: t, minutes: new Set() };
      templatesSeen.set(tk, ts);
    }
    ts.count++;
    if (t > ts.lastMs) ts.lastMs = t;
    ts.minutes.add(Math.floor(t / MINUTE_MS));
  }

  function finish(ctx: FinishContext): IncidentResult {
    const fromMs = Date.parse(ctx.window.from);
    const toMs = Date.parse(ctx.window.to);
    const nowMs = Date.parse(ctx.now);
    const history = ctx.history;
    const histRevisions = new Map<string, number>();
    for (const r of Object.values(history.revisions)) histRevisions.set(`${r.service}\u0000${r.name}`, Date.parse(r.firstLogged));

    // 1. Groups → incidents.
    // Joins stay inside one service: an incident belongs to the service that logged it.
    const usable = (e: Edge) => {
      const a = groups.get(e.from);
      const b = groups.get(e.to);
      return a !== undefined && b !== undefined && !a.ignored && !b.ignored && a.service === b.service && beatsChance(e, chanceOf(e, b, cfg.evidence));
    };
    const joins = chooseJoins(evidence.edges(), cfg.thresholds, usable);
    const uf = new UnionFind();
    for (const e of joins.values()) uf.union(e.from, e.to);
    const clusters = new Map<string, GroupAcc[]>();
    for (const g of [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : 1))) {
      if (g.ignored) continue;
      const root = uf.find(g.key);
      const list = clusters.get(root) ?? [];
      list.push(g);
      clusters.set(root, list);
    }

    const label = (k: string) => groupLabel(groups.get(k)!, ctx.templates);
    const revisionAge = (service: string, name: string): RevisionAge => {
      const known = histRevisions.get(`${service}\u0000${name}`);
      const first = revisionFirst.get(`${service}\u0000${name}`);
      let deployedInWindow = false;
      if (known === undefined && first !== undefined) {
        // Deployed inside the window: another revision of the service was logging at least a minute earlier.
        for (const [rk, t] of revisionFirst) if (rk.startsWith(`${service}\u0000`) && rk !== `${service}\u0000${name}` && t <= first - MINUTE_MS) deployedInWindow = true;
      }
      return known === undefined ? { name, deployedInWindow } : { name, firstLoggedMs: known, deployedInWindow };
    };

    const incidents: Incident[] = [];
    const assignment = new Map<string, string>();
    const freshByKey = new Map<string, MinuteCount[]>();
    for (const members of clusters.values()) {
      // A member the store already knows as an incident keeps naming it, so the incident keeps its
      // key (and its GitHub issue) when this window shows a different mix of its parts.
      const known = members.filter((m) => history.incidents[m.key] !== undefined)
        .sort((a, b) => (history.incidents[a.key]!.firstSeen < history.incidents[b.key]!.firstSeen ? -1 : history.incidents[a.key]!.firstSeen > history.incidents[b.key]!.firstSeen ? 1 : primaryOrder(a, b)));
      const primary = known[0] ?? [...members].sort(primaryOrder)[0]!;
      for (const m of members) assignment.set(m.key, primary.key);
      const [incident, fresh] = buildIncident(primary, members, joins, label, revisionAge, ctx, { fromMs, toMs, nowMs });
      incidents.push(incident);
      freshByKey.set(incident.key, fresh);
    }
    const silent = silenceIncidents({
      history, windowFromMs: fromMs, windowToMs: toMs, serviceLast, config: cfg,
      templateLast: new Map([...templatesSeen].map(([k, v]) => [k, v.lastMs])),
    });
    incidents.push(...silent);
    incidents.sort(incidentOrder);

    return {
      incidents,
      observations: incidents.map((i) => observationOf(i, freshByKey.get(i.key) ?? [])),
      templateObservations: [...templatesSeen.values()]
        .map((t) => ({ id: t.id, service: t.service, template: ctx.templates(t.id)?.template ?? '', lastSeen: isoTime(t.lastMs), count: t.count, minutes: t.minutes.size }))
        .sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      revisions: [...revisionFirst]
        .map(([rk, t]) => {
          const [service, name] = rk.split('\u0000') as [string, string];
          const known = histRevisions.get(rk);
          return { service, name, firstLogged: isoTime(known !== undefined ? Math.min(known, t) : t) };
        })
        .sort((a, b) => (a.service + a.name < b.service + b.name ? -1 : 1)),
      assignmentOf: (k) => assignment.get(k),
    };
  }

  function buildIncident(
    primary: GroupAcc, members: GroupAcc[], joins: Map<string, Edge>, label: (k: string) => string,
    revisionAge: (service: string, name: string) => RevisionAge, ctx: FinishContext, w: { fromMs: number; toMs: number; nowMs: number },
  ): [Incident, MinuteCount[]] {
    const service = primary.service;
    const f = figuresOf(members, w.toMs);
    const memory = ctx.history.incidents[primary.key];
    const ages = f.revisions.map((r) => revisionAge(service, r.name));
    const cls = classify({
      ...(memory !== undefined ? { memory } : {}),
      revisions: ages, windowFromMs: w.fromMs, nowMs: w.nowMs, activeDevHours: cfg.activeDevHours, quietHours: cfg.quietHours,
    });
    const windowMinutes = Math.max(1, (w.toMs - w.fromMs) / MINUTE_MS);
    let spike: Incident['spike'];
    if (memory !== undefined && memory.baselinePerMinute > 0 && memory.baselineMinutes >= cfg.minBaselineMinutes) {
      const rate = f.count / windowMinutes;
      spike = {
        factor: round(rate / memory.baselinePerMinute, 2),
        baselinePerMinute: memory.baselinePerMinute,
        basis: `${round(rate, 2)}/min over the ${round(windowMinutes)}-minute window vs ${round(memory.baselinePerMinute, 2)}/min over ${memory.baselineMinutes} earlier minutes`,
      };
    }
    const templates = templateSummaries(members, ctx);
    const exception = (primary.exception ?? members.find((m) => m.exception !== undefined)?.exception);
    const fresh = ages.find((a) => a.deployedInWindow || (a.firstLoggedMs !== undefined && a.firstLoggedMs >= w.nowMs - cfg.activeDevHours * 3_600_000));
    const view: IncidentView = {
      templates: templates.map((t) => ({ id: t.id, text: t.template, count: t.count })),
      figures: f,
      requests: failedRequests(members),
      ...(exception !== undefined ? { exception } : {}),
      ...(fresh !== undefined ? { freshRevision: fresh.name } : {}),
      startUp: atStartUp(members),
    };
    const annotations = members.flatMap((m) => m.annotations);
    const ruleTitle = annotations.find((r) => r.spec.title !== undefined);
    const rulePriority = annotations.find((r) => r.spec.priority !== undefined);
    const owner = annotations.find((r) => r.spec.owner !== undefined)?.spec.owner;
    const score = scoreIncident({
      figures: f,
      classification: cls.classification,
      ...(spike !== undefined ? { spikeFactor: spike.factor } : {}),
      serviceRequests: serviceRequests.get(service) ?? 0,
      ...(rulePriority !== undefined ? { override: { priority: rulePriority.spec.priority as Priority, rule: rulePriority.name } } : {}),
    });
    const firstSeen = isoTime(f.firstMs);
    const lastSeen = isoTime(f.lastMs);
    const incident: Incident = {
      key: primary.key,
      fingerprint: { ...primary.fingerprint },
      title: ruleTitle?.spec.title ?? titleOf(view),
      score,
      classification: cls.classification,
      classificationReason: cls.reason,
      service,
      count: f.count,
      bySeverity: f.bySeverity,
      firstSeen,
      lastSeen,
      allTimeFirstSeen: memory !== undefined && memory.firstSeen < firstSeen ? memory.firstSeen : firstSeen,
      allTimeLastSeen: memory !== undefined && memory.lastSeen > lastSeen ? memory.lastSeen : lastSeen,
      perMinute: f.perMinute,
      peakPerMinute: f.peakPerMinute,
      currentPerMinute: f.currentPerMinute,
      revisions: revisionsSeen(f, (name) => {
        const a = revisionAge(service, name);
        const inWindow = revisionFirst.get(`${service}\u0000${name}`);
        return a.firstLoggedMs !== undefined && inWindow !== undefined ? Math.min(a.firstLoggedMs, inWindow) : a.firstLoggedMs ?? inWindow;
      }),
      instances: f.instances,
      traces: f.traces,
      templates,
      samples: pickSamples(primary, templates, cfg.samples),
      grouping: grouping(primary, members, joins, label),
      hints: hintsFor(view),
      related: [],
    };
    if (spike !== undefined) incident.spike = spike;
    if (f.users > 0) incident.users = f.users;
    if (f.http !== undefined) incident.http = f.http;
    if (exception !== undefined) {
      incident.exception = { type: exception.type, message: exception.message.split('\n')[0] ?? '', topFrames: topInAppFrames(exception, 5), language: exception.language };
    }
    if (owner !== undefined) incident.owner = owner;
    const primaryTemplate = [...primary.templates.values()].sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1))[0];
    const url = explorerLink(primary.project, primary, primaryTemplate !== undefined ? ctx.templates(primaryTemplate.id)?.template : undefined, f.firstMs, f.lastMs);
    if (url !== undefined) incident.logsExplorerUrl = url;
    return [incident, f.freshPerMinute];
  }

  /** Most error sightings within a minute of their instance's first entry in the window. */
  function atStartUp(members: GroupAcc[]): boolean {
    let early = 0;
    let all = 0;
    for (const m of members) {
      for (const [inst, ms] of m.errorSightings) {
        const first = instanceFirst.get(inst);
        if (first === undefined) continue;
        all++;
        if (ms - first <= 60_000) early++;
      }
    }
    return all > 0 && early * 2 >= all;
  }

  function templateSummaries(members: GroupAcc[], ctx: FinishContext): TemplateSummary[] {
    const all: TemplateSummary[] = [];
    for (const m of members) {
      for (const t of m.templates.values()) {
        all.push({ id: t.id, template: ctx.templates(t.id)?.template ?? (t.samples[0]?.text.split('\n')[0] ?? ''), count: t.count, samples: t.samples });
      }
    }
    // The same template may sit in two groups (e.g. split by status class): merge by id.
    const byId = new Map<string, TemplateSummary>();
    for (const t of all) {
      const cur = byId.get(t.id);
      if (cur === undefined) byId.set(t.id, { ...t, samples: [...t.samples] });
      else {
        cur.count += t.count;
        cur.samples = [...cur.samples, ...t.samples].sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.insertId < b.insertId ? -1 : 1)).slice(0, 3);
      }
    }
    return [...byId.values()].sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1)).slice(0, cfg.templatesPerIncident);
  }

  return { add, groupKeyOf: (r, t) => keyFor(r, t, roleOf(r)).key, finish };
}

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Clock } from '../core/clock.js';
import { GardenerError } from '../core/errors.js';
import type { LogRecord } from '../core/record.js';
import { emptyHistory, type History } from '../core/history.js';
import { UNKNOWN_SERVICE } from './summary.js';
import type { RecordSource, SourceCoverage } from '../core/source.js';
import { stableHash } from '../core/hash.js';
import type { GardenerConfig } from '../config/schema.js';
import { openFileSource } from '../ingest/index.js';
import { createMiner, type MinerConfig } from '../mine/index.js';
import { createIncidentEngine, isRoutine, parseRules, type IncidentConfig } from '../incidents/index.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { renderHtml, renderJson, renderMarkdown, worklogPaths } from '../report/index.js';
import type { RunReport } from '../report/model.js';
import { VERSION } from '../version.js';
import { AssignmentLog } from './assignments.js';
import { buildReport } from './build-report.js';
import { filterRecord, type RecordFilter } from './filters.js';
import { minedText, partitionOf } from './mined-text.js';
import type { RunRequest } from './request.js';
import { openCloudSource } from './cloud-source.js';
import { resolveRunWindow } from './window.js';
import { SummaryAccumulator } from './summary.js';
import { syncGithub, type GithubOutcome } from './github-sync.js';
import { isoInstant, MINUTE_MS } from './time.js';
import { readFile } from 'node:fs/promises';

// One run: compute first (read → normalize → mine → incidents → report), write second (worklog
// files, store, then GitHub only with --apply). Every dependency on the outside world arrives in
// RunDeps so tests can drive a whole run with a fixed clock and fakes.

export interface RunDeps {
  clock: Clock;
  env: Record<string, string | undefined>;
  stdin?: NodeJS.ReadableStream;
  progress?: (line: string) => void;
  /** An open store; when absent the run opens config.state and closes it afterwards. */
  store?: Store;
  fetch?: typeof fetch;
  /** Waits between paced writes; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** false hands all GitHub pacing to the applier's own budget and `sleep` (tests). */
  githubThrottle?: boolean;
}

export interface RunResult {
  report: RunReport;
  files: string[];
  warnings: string[];
  exitCode: number;
  github?: GithubOutcome;
}

const BATCH = 2000;

export async function executeRun(req: RunRequest, config: GardenerConfig, deps: RunDeps): Promise<RunResult> {
  const warnings: string[] = [];
  const notes: string[] = [];
  const now = deps.clock.now();
  const rules = req.rulesPath !== undefined ? parseRules(await readRules(req.rulesPath)) : undefined;

  const store = deps.store ?? (await openStore(config.state));
  try {
    await store.migrate();
    const serviceKey = req.cloud?.service ?? req.service;
    const cursor = req.cloud ? await store.getCursor(req.cloud.project, req.cloud.service) : undefined;
    const window = resolveRunWindow(req, config, now, cursor);

    const source: RecordSource & { query?: string } = req.cloud
      ? await openCloudSource(req.cloud, window, req.minSeverity, config, deps)
      : openFileSource(req.inputs, { ...(deps.stdin ? { stdin: deps.stdin } : {}) });

    // One miner state for all services: the miner partitions by service itself.
    const minerScope = 'default';
    const miner = createMiner(config.miner as Partial<MinerConfig>, await store.loadMinerState(minerScope));
    // Both sections are validated strictly by their modules (unknown keys fail with the section's name).
    const engine = createIncidentEngine({ ...(config.incidents as Partial<IncidentConfig>), ...(rules ? { rules } : {}) });
    const summary = new SummaryAccumulator();
    const filter: RecordFilter = {
      ...(window.fromMs !== undefined ? { fromMs: window.fromMs } : {}),
      ...(window.toMs !== undefined ? { toMs: window.toMs } : {}),
      ...(req.minSeverity !== undefined ? { minSeverity: req.minSeverity } : {}),
      ...(req.service !== undefined ? { service: req.service } : {}),
    };
    const assignments = req.assignmentsPath !== undefined ? await AssignmentLog.open(req.assignmentsPath) : undefined;
    let outsideWindow = 0;
    let belowMinSeverity = 0;
    let otherService = 0;
    let duplicates = 0;
    let batch: LogRecord[] = [];
    // Wall time only for the progress line's rate; nothing in the report reads it.
    const started = Date.now();

    const flush = async () => {
      if (batch.length === 0) return;
      const fresh = await claimFreshByService(store, batch);
      for (const r of batch) {
        const isFresh = fresh.has(r.insertId);
        if (!isFresh) duplicates++;
        const templateId = miner.add(minedText(r), partitionOf(r));
        const groupKey = engine.add(r, templateId, isFresh);
        summary.add(r);
        if (assignments) {
          await assignments.add(r.insertId, templateId, groupKey);
          for (const id of r.foldedInsertIds ?? []) await assignments.add(id, templateId, groupKey);
        }
      }
      batch = [];
      deps.progress?.(`read ${summary.records} records (${Math.round(summary.records / Math.max(0.001, (Date.now() - started) / 1000))}/s)`);
    };

    let sourceError: unknown;
    try {
      for await (const r of source.records()) {
        const verdict = filterRecord(r, filter);
        if (verdict === 'keep') {
          batch.push(r);
          if (batch.length >= BATCH) await flush();
        } else if (verdict === 'outside-window') outsideWindow++;
        else if (verdict === 'below-severity') belowMinSeverity++;
        else otherService++;
      }
    } catch (err) {
      // A source that fails half-way: what was read is still analysed; coverage says how far.
      if (err instanceof GardenerError && (err.kind === 'input' || err.kind === 'usage' || err.kind === 'auth') && summary.records === 0 && batch.length === 0) throw err;
      sourceError = err;
    }
    await flush();

    const coverage: SourceCoverage[] = source.coverage();
    if (sourceError !== undefined) {
      notes.push(`reading stopped early: ${(sourceError as Error).message}`);
      warnings.push(`reading stopped early: ${(sourceError as Error).message}`);
      for (const c of coverage) if (c.complete) c.complete = false;
    }
    if (otherService > 0) notes.push(`${otherService} entries of other services than ${req.service} were not analysed`);
    for (const c of coverage) {
      if (c.problemCount > 0) {
        const where = c.problems.map((p) => `line ${p.line}`).join(', ');
        warnings.push(`${c.input}: ${c.problemCount} malformed entr${c.problemCount === 1 ? 'y' : 'ies'} skipped (${where}${c.problemCount > c.problems.length ? ', …' : ''})`);
      }
    }

    // The window of the report: the requested one, or the span of the input rounded out to minutes.
    const reportWindow = window.fromMs !== undefined && window.toMs !== undefined
      ? { from: isoInstant(window.fromMs), to: isoInstant(window.toMs), basis: window.basis }
      : spanWindow(summary, now);
    const service = serviceKey ?? singleService(summary) ?? 'multi-service';
    if (serviceKey === undefined && summary.services.size > 1) {
      notes.push(`input holds ${summary.services.size} services: ${[...summary.services.keys()].sort().join(', ')}; use --service to analyse one`);
    }

    const history = await loadHistories(store, [...summary.services.keys()]);
    const result = engine.finish({
      history,
      templates: (id: string) => miner.template(id),
      window: { from: reportWindow.from, to: reportWindow.to },
      now: isoInstant(now.getTime()),
    });
    for (const inc of result.incidents) inc.routine = isRoutine(inc);
    const entriesRead = coverage.reduce((n, c) => n + c.entries, 0);
    const report = buildReport({
      version: VERSION,
      service,
      ...(req.cloud ? { project: req.cloud.project } : {}),
      window: reportWindow,
      ...(req.minSeverity !== undefined ? { minSeverity: req.minSeverity } : {}),
      ...(source.query !== undefined ? { query: source.query } : {}),
      summary,
      entriesRead,
      incidents: result.incidents,
      sources: coverage,
      outsideWindow,
      belowMinSeverity,
      duplicates,
      miner: miner.stats(),
      notes,
    });

    // Write second. The store first, so a crash in the GitHub step cannot lose what this run
    // counted (its entries are already claimed as seen); then GitHub, whose outcome the worklog
    // reports; then the worklog files.
    const startedAt = isoInstant(now.getTime());
    const runServices = summary.services.size > 0 ? [...summary.services.keys()].sort() : [service];
    // One run record per service analysed: each service's baseline rests on the windows it was read in.
    const runIds = runServices.map((svc) => ({ svc, id: stableHash([svc, reportWindow.from, reportWindow.to, startedAt]) }));
    for (const { svc, id } of runIds) {
      await store.beginRun({ id, service: svc, startedAt, windowFrom: reportWindow.from, windowTo: reportWindow.to, source: req.cloud ? `cloud-logging:${req.cloud.via}` : req.inputs.join(',') });
    }
    await store.saveMinerState(minerScope, miner.snapshot());
    await store.saveTemplates(result.templateObservations);
    await store.saveRevisions(result.revisions);
    await store.saveIncidents(result.observations);
    const complete = report.coverage.complete;
    if (req.cloud && complete && window.toMs !== undefined) {
      await store.setCursor({ project: req.cloud.project, service: req.cloud.service, readUpTo: isoInstant(window.toMs), updatedAt: startedAt });
    }

    let github: GithubOutcome | undefined;
    let githubError: unknown;
    if (req.apply || req.repo !== undefined) {
      // A GitHub failure must not cost the worklog: it is written either way, then the error is reported.
      try {
        github = await syncGithub(result.incidents, req, config, deps, store, stableHash([service, reportWindow.from, reportWindow.to, startedAt]));
        report.github = github.summary;
      } catch (err) {
        if (!(err instanceof GardenerError) || err.kind === 'usage' || err.kind === 'config') throw err;
        githubError = err;
        notes.push(`GitHub sync failed, nothing more was written to GitHub: ${err.message}`);
        warnings.push(`GitHub sync failed: ${err.message}${err.hint ? ` (${err.hint})` : ''}`);
      }
    }

    const paths = worklogPaths(req.outDir, report);
    const files: string[] = [];
    await writeOut(paths.md, renderMarkdown(report), files);
    await writeOut(paths.json, renderJson(report), files);
    await writeOut(paths.html, renderHtml(report), files);
    if (github) await writeOut(paths.md.replace(/\.md$/, '.plan.json'), github.planJson, files);
    if (assignments) {
      await assignments.finish((g) => result.assignmentOf(g) ?? '');
      files.push(req.assignmentsPath!);
    }

    for (const { svc, id } of runIds) {
      const incidents = result.incidents.filter((i) => i.service === svc).length;
      await store.finishRun(id, { finishedAt: isoInstant(deps.clock.now().getTime()), status: complete ? 'ok' : 'partial', entries: summary.services.get(svc) ?? 0, incidents });
    }

    const exitCode = githubError instanceof GardenerError && githubError.kind === 'auth'
      ? 5
      : !complete
        ? 3
        : githubError !== undefined || (github !== undefined && github.failed > 0)
          ? 4
          : 0;
    return { report, files, warnings, exitCode, ...(github ? { github } : {}) };
  } finally {
    if (!deps.store) await store.close();
  }
}

async function writeOut(path: string, content: string, files: string[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  files.push(path);
}

async function readRules(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new GardenerError('config', `cannot read rules file ${path}: ${(err as Error).message}`);
  }
}

/** Claims insertIds per service (the store keys entries by service), returning the fresh ones. */
async function claimFreshByService(store: Store, batch: LogRecord[]): Promise<Set<string>> {
  const byService = new Map<string, { insertId: string; timeMs: number }[]>();
  for (const r of batch) {
    const svc = r.service ?? UNKNOWN_SERVICE;
    let list = byService.get(svc);
    if (!list) byService.set(svc, (list = []));
    list.push({ insertId: r.insertId, timeMs: r.timeMs });
  }
  const fresh = new Set<string>();
  for (const [svc, entries] of byService) for (const id of await store.claimFresh(svc, entries)) fresh.add(id);
  return fresh;
}

/** The history of every service in the input, merged (incident keys are distinct per service). */
async function loadHistories(store: Store, services: string[]): Promise<History> {
  const merged = emptyHistory();
  for (const svc of services.sort()) {
    const h = await store.loadHistory(svc);
    Object.assign(merged.incidents, h.incidents);
    Object.assign(merged.revisions, h.revisions);
    Object.assign(merged.templates, h.templates);
    Object.assign(merged.services, h.services);
  }
  return merged;
}

function singleService(s: SummaryAccumulator): string | undefined {
  return s.services.size === 1 ? [...s.services.keys()][0] : undefined;
}

/** Input span rounded out to whole minutes: [floor(first), floor(last)+1min). */
function spanWindow(s: SummaryAccumulator, now: Date): { from: string; to: string; basis: string } {
  if (!Number.isFinite(s.minTimeMs)) {
    const t = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
    return { from: isoInstant(t), to: isoInstant(t), basis: 'input (empty)' };
  }
  const from = Math.floor(s.minTimeMs / MINUTE_MS) * MINUTE_MS;
  const to = Math.floor(s.maxTimeMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  return { from: isoInstant(from), to: isoInstant(to), basis: 'input' };
}

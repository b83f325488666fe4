import { buildConfig, loadConfigFile } from '../../config/load.js';
import { usageError } from '../../core/errors.js';
import { parseSeverity } from '../../core/severity.js';
import type { RunRequest } from '../../app/request.js';
import { executeRun } from '../../app/run.js';
import { systemClock } from '../../core/clock.js';
import { parseCommandArgs } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { makeConsole, type CliIo } from '../io.js';
import { printRunSummary } from '../run-summary.js';

// `log-gardener run`: flags → one validated request + config, then the run itself (src/app/run.ts).

const OPTIONS = {
  input: { type: 'string', multiple: true },
  project: { type: 'string' },
  service: { type: 'string' },
  source: { type: 'string' },
  'resource-type': { type: 'string' },
  filter: { type: 'string' },
  since: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'min-severity': { type: 'string' },
  out: { type: 'string' },
  state: { type: 'string' },
  rules: { type: 'string' },
  assignments: { type: 'string' },
  config: { type: 'string' },
  apply: { type: 'boolean' },
  repo: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

export async function runCommand(args: string[], io: CliIo): Promise<number> {
  const { values: v, positionals } = parseCommandArgs('run', args, OPTIONS);
  // `--input a.json b.json`: values after the first --input are positionals.
  const inputs = [...(v.input ?? []), ...(v.input ? positionals : [])];
  if (!v.input && positionals.length > 0) throw usageError(`run: unexpected argument '${positionals[0]}'`, 'inputs go after --input');

  const file = await loadConfigFile(v.config);
  const config = buildConfig(file.raw, {
    ...(v.state !== undefined ? { state: v.state } : {}),
    ...(v.out !== undefined ? { out: v.out } : {}),
    ...(v.rules !== undefined ? { rules: v.rules } : {}),
  });

  const minSeverityText = v['min-severity'] ?? config.minSeverity;
  const minSeverity = minSeverityText === undefined ? undefined : parseSeverity(minSeverityText);
  if (minSeverityText !== undefined && minSeverity === undefined) {
    throw usageError(`run: unknown severity '${minSeverityText}'`, 'use DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT or EMERGENCY');
  }

  const project = v.project ?? config.gcp.project;
  const cloudService = v.project !== undefined || inputs.length === 0 ? (v.service ?? config.gcp.service) : undefined;
  if (inputs.length > 0 && v.project !== undefined) throw usageError('run: give either --input or --project/--service, not both');
  if (inputs.length === 0 && (project === undefined || cloudService === undefined)) {
    throw usageError('run: no source given', 'use --input FILE... or --project P --service S');
  }
  const via = v.source ?? 'api';
  if (via !== 'api' && via !== 'gcloud') throw usageError(`run: --source must be api or gcloud, not '${via}'`);
  if (v.since !== undefined && (v.from !== undefined || v.to !== undefined)) throw usageError('run: use either --since or --from/--to');
  if (v.apply && v.repo === undefined && config.github['repo'] === undefined) throw usageError('run: --apply needs --repo OWNER/NAME');

  const request: RunRequest = {
    inputs,
    ...(inputs.length === 0
      ? {
          cloud: {
            project: project!,
            service: cloudService!,
            via,
            resourceType: v['resource-type'] ?? config.gcp.resourceType,
            ...(v.filter !== undefined ? { extraFilter: v.filter } : {}),
          },
        }
      : {}),
    window: { since: v.since, from: v.from, to: v.to },
    ...(minSeverity !== undefined ? { minSeverity } : {}),
    ...(inputs.length > 0 && v.service !== undefined ? { service: v.service } : {}),
    outDir: config.out,
    ...(v.assignments !== undefined ? { assignmentsPath: v.assignments } : {}),
    ...(config.rules !== undefined ? { rulesPath: config.rules } : {}),
    apply: v.apply ?? false,
    ...(v.repo !== undefined ? { repo: v.repo } : {}),
  };

  const con = makeConsole(io, v.quiet ?? false);
  const result = await executeRun(request, config, {
    clock: systemClock,
    env: io.env,
    stdin: io.stdin,
    progress: (line) => con.progress(line),
  });
  con.done();
  for (const w of result.warnings) con.warn(w);
  printRunSummary(result, io, v.quiet ?? false);
  return result.exitCode ?? EXIT.ok;
}

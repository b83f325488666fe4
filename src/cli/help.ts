// Help texts, kept next to each other so the README can quote them verbatim.

export const MAIN_HELP = `log-gardener — tends a service's logs: mines templates, groups incidents, ranks them P0–P3,
writes a worklog and keeps one GitHub issue per incident in sync.

Usage:
  log-gardener run  [source] [window] [options]     the main job (dry run unless --apply)
  log-gardener mine --input FILE --output FILE.csv  template mining alone (Loghub CSV)
  log-gardener help [command] | --version

Run 'log-gardener help run' for the run options.

Exit codes: 0 ok (warnings possible), 1 internal error, 2 usage/config/unreadable input,
3 partial read (what was read is reported), 4 GitHub sync incomplete, 5 authentication refused.
`;

export const RUN_HELP = `Usage: log-gardener run [source] [window] [options]

Source (one of):
  --input FILE...            gcloud JSON array, NDJSON LogEntry, or plain text; '-' for stdin; .gz by extension
  --project P --service S    read Google Cloud Logging (REST entries:list)
      --source api|gcloud    read through the REST API (default) or the installed gcloud CLI
      --resource-type T      default cloud_run_revision
      --filter EXPR          extra Logging query, ANDed with the window and service

Window (UTC; default for files: the span of the input):
  --since DURATION|last      e.g. 15m, 1h, 2d; 'last' resumes from the previous run's cursor
  --from T --to T            ISO 8601 with Z or an offset; from inclusive, to exclusive

Options:
  --min-severity S           DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL (entries without severity
                             on stderr are kept, as Cloud Run writes raw tracebacks there)
  --service S                with --input: analyse only this service
  --out DIR                  worklog directory (default: out) → DIR/<service>/<from>--<to>.{md,json,html}
  --state PATH               state store: SQLite file (default .log-gardener/state.db), postgres://…, or :memory:
  --rules FILE               YAML rules: merge, split, ignore, title, priority, owner
  --assignments FILE         CSV, one line per input entry: insertId,templateId,incidentKey
  --config FILE              YAML/JSON config (default ./log-gardener.yaml when present)
  --apply                    write to GitHub (without it the plan is printed and saved, nothing is written)
  --repo OWNER/NAME          GitHub repository (GITHUB_TOKEN, GITHUB_API_URL)
  --quiet                    no progress or summary on stderr
  -h, --help
`;

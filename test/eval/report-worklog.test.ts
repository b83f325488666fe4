// Evaluation: the worklog renderers on real Cloud Run exports (../shared/data). The JSON of a real
// run validates against docs/report.schema.json (and the schema documents every key it writes); the
// Markdown and HTML keep their structure whatever the logs contain; no credential-shaped text survives;
// a second render of the same model is byte-identical.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { executeRun } from '../../src/app/run.js';
import { buildConfig } from '../../src/config/load.js';
import { fixedClock } from '../../src/core/clock.js';
import { renderHtml, renderJson, renderMarkdown, worklogPaths } from '../../src/report/index.js';
import type { RunReport } from '../../src/report/model.js';
import { compileSchema as compile, reportSchema as schema, strictCopy } from '../../src/report/testdata/schema-check.js';
import { scanMarkdown, stripCodeSpans, tablePipes } from '../../src/report/testdata/markdown-check.js';

const DATA = resolve('../shared/data/cloud-logging');
const FILES = ['cloud-run-auth-failures-2025-09-07.json', 'cloud-run-mixed-payloads.json', 'cloud-run-auth-issues-small.json'];



async function run(file: string): Promise<{ report: RunReport; out: string }> {
  const out = mkdtempSync(join(tmpdir(), 'lg-report-eval-'));
  const result = await executeRun(
    { inputs: [join(DATA, file)], window: {}, outDir: out, apply: false },
    buildConfig({ state: ':memory:' }),
    { clock: fixedClock('2025-09-08T00:00:00Z'), env: {} },
  );
  return { report: result.report, out };
}

const ALLOWED_HTML = /^(?:<a id="incident-[0-9a-z-]+"><\/a>|<details>|<\/details>|<summary>Per-minute counts \(\d+ minutes\)<\/summary>)$/;
// Credential shapes that must never reach a worklog: JWTs, bearer tokens, GitHub/Google keys.
const SECRET_SHAPES = /eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.|Bearer [A-Za-z0-9._~+/-]{16,}|gh[pousr]_[A-Za-z0-9]{36}|AIza[0-9A-Za-z_-]{35}/;

for (const file of FILES) {
  test(`worklog of ${file}: schema, structure, redaction, determinism`, async () => {
    const { report, out } = await run(file);
    try {
      const json = renderJson(report);
      const data = JSON.parse(json) as unknown;
      const lenient = compile(schema);
      assert.ok(lenient(data), JSON.stringify(lenient.errors?.slice(0, 5), null, 2));
      const strict = compile(strictCopy(schema) as object);
      assert.ok(strict(data), `undocumented keys: ${JSON.stringify(strict.errors?.slice(0, 5), null, 2)}`);

      const md = renderMarkdown(report);
      const s = scanMarkdown(md);
      assert.equal(s.unclosed, false);
      let header = -1;
      for (const { line, text } of s.outside) {
        const bare = stripCodeSpans(text);
        if (!ALLOWED_HTML.test(bare)) assert.doesNotMatch(bare, /(?<!\\)<[A-Za-z/!]/, `raw HTML on line ${line}: ${text}`);
        if (!text.startsWith('|')) header = -1;
        else if (header < 0) header = tablePipes(text);
        else assert.equal(tablePipes(text), header, `broken table row on line ${line}: ${text}`);
      }
      assert.doesNotMatch(md, /(?<![\w\u200D])@[A-Za-z0-9]/, 'a live @mention');

      const html = renderHtml(report);
      assert.doesNotMatch(html, /<script|<link|<iframe|<img|\ssrc=/i);
      for (const text of [md, json, html]) assert.doesNotMatch(text, SECRET_SHAPES);

      // The files the run wrote are these renders, at the documented paths, and rendering again is identical.
      const paths = worklogPaths(out, report);
      assert.equal(readFileSync(paths.md, 'utf8'), md);
      assert.equal(readFileSync(paths.json, 'utf8'), json);
      assert.equal(renderMarkdown(report), md);
      assert.equal(renderJson(report), json);
      assert.equal(renderHtml(report), html);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
}

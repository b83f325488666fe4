// Seeded fuzzing of the renderers: nasty strings in every place log text can reach the model, then
// the Markdown and HTML are checked for structure (fences closed, no raw HTML from log text, table
// rows intact, elements balanced). Deterministic: the same strings on every run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../core/random.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { RunReport } from './model.js';
import { buildRunReport, jwtIncident } from './testdata/fixtures.js';
import { scanMarkdown, stripCodeSpans, tablePipes } from './testdata/markdown-check.js';

const PIECES = ['`', '```', '~~~', '|', '\\', '\\|', '<', '>', '</details>', '<script>', '<!--', '-->', '@x', '#1', '\n', '\r', '*', '_', '[', ']', '(', ')', '&', '"', "'", 'a', ' ', '#', '    ', '- ', '1. ', '> '];

function generator(seed: number): () => string {
  const random = seededRandom(seed);
  const below = (n: number): number => Math.floor(random() * n);
  return () => {
    let out = '';
    const n = 1 + below(12);
    for (let i = 0; i < n; i++) out += PIECES[below(PIECES.length)];
    return out;
  };
}

function nastyReport(seed: number): RunReport {
  const g = generator(seed);
  const base = buildRunReport();
  const sample = { insertId: g(), timestamp: '2025-09-07T13:40:00Z', severity: 'ERROR' as const, text: g(), revision: g(), instanceId: g(), trace: g(), logKind: g() };
  const inc = jwtIncident({
    title: g(),
    classificationReason: g(),
    fingerprint: { version: 1, kind: 'template', basis: g() },
    samples: [sample],
    templates: [{ id: g(), template: g(), count: 3, samples: [sample] }],
    exception: { type: g(), message: g(), topFrames: [g(), g()], language: g() },
    grouping: [g(), g()],
    hints: [{ id: 'h', title: g(), checks: [g()], evidence: g() }],
    related: [{ incidentKey: g(), reason: g() }],
    revisions: [{ name: g(), count: 1, firstSeen: '2025-09-07T13:40:00Z' }],
    owner: g(),
  });
  const source = { ...base.coverage.sources[0]!, input: g(), format: g(), problems: [{ input: g(), line: 3, reason: g() }], note: g() };
  return {
    ...base,
    service: g(),
    project: g(),
    query: g(),
    incidents: [inc],
    timeline: [{ time: '2025-09-07T13:40:00Z', incidentKey: inc.key, event: g() }],
    coverage: { ...base.coverage, sources: [source], notes: [g()] },
  };
}

const ALLOWED = /^(?:<a id="incident-[0-9a-z-]+"><\/a>|<details>|<\/details>|<summary>Per-minute counts \(\d+ minutes\)<\/summary>)$/;

test('Markdown keeps its structure for 200 seeded nasty reports', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const md = renderMarkdown(nastyReport(seed));
    const s = scanMarkdown(md);
    assert.equal(s.unclosed, false, `seed ${seed}`);
    let header = -1;
    for (const { line, text } of s.outside) {
      const bare = stripCodeSpans(text);
      if (!ALLOWED.test(bare)) assert.doesNotMatch(bare, /(?<!\\)<[A-Za-z/!]/, `seed ${seed}, line ${line}: ${text}`);
      if (!text.startsWith('|')) header = -1;
      else if (header < 0) header = tablePipes(text);
      else assert.equal(tablePipes(text), header, `seed ${seed}, line ${line}: ${text}`);
    }
    // Only the renderer's own headings start with #: log text cannot add sections.
    for (const { text } of s.outside) if (/^#{1,6} /.test(text)) assert.match(text, /^(?:# Worklog: |## |### \d+\. P\d · |#### )/, `seed ${seed}: ${text}`);
  }
});

test('HTML elements stay balanced for 200 seeded nasty reports', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const html = renderHtml(nastyReport(seed));
    assert.doesNotMatch(html, /<script|<!--/i, `seed ${seed}`);
    const stack: string[] = [];
    for (const m of html.replace('<!DOCTYPE html>', '').matchAll(/<(\/?)([a-z][a-z0-9]*)[^>]*?(\/?)>/g)) {
      const [, close, name, self] = m as unknown as [string, string, string, string];
      if (['meta', 'br', 'rect'].includes(name) || self === '/') continue;
      if (close === '') stack.push(name);
      else assert.equal(stack.pop(), name, `seed ${seed} at ${m.index}`);
    }
    assert.deepEqual(stack, [], `seed ${seed}`);
  }
});

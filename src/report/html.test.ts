import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml } from './html.js';
import { buildRunReport, emptyRunReport, FAKE_JWT, hostileRunReport } from './testdata/fixtures.js';

const ALLOWED_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'main', 'section', 'h1', 'h2', 'h4', 'p', 'ul', 'li', 'table',
  'thead', 'tbody', 'tr', 'th', 'td', 'a', 'code', 'pre', 'strong', 'span', 'details', 'summary', 'figure', 'figcaption',
  'svg', 'g', 'rect', 'br',
]);

function tags(html: string): string[] {
  return [...html.matchAll(/<\/?([A-Za-z][A-Za-z0-9-]*)/g)].map((m) => m[1]!.toLowerCase());
}

/** Open/close balance of the non-void elements: log text that injected a tag would unbalance it. */
function unbalanced(html: string): string[] {
  const voids = new Set(['meta', 'br', 'rect']);
  const stack: string[] = [];
  const problems: string[] = [];
  for (const m of html.replace(/<!DOCTYPE html>/, '').matchAll(/<(\/?)([a-z][a-z0-9]*)[^>]*?(\/?)>/g)) {
    const [, close, name, selfClose] = m as unknown as [string, string, string, string];
    if (voids.has(name) || selfClose === '/') continue;
    if (close === '') stack.push(name);
    else if (stack.pop() !== name) problems.push(`</${name}> at ${m.index}`);
  }
  return [...problems, ...stack.map((s) => `<${s}> never closed`)];
}

test('one self-contained file: no script, no external resource, a CSP that forbids them', () => {
  const html = renderHtml(buildRunReport());
  assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">'));
  assert.ok(html.endsWith('</html>\n'));
  assert.ok(html.includes(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`));
  assert.doesNotMatch(html, /<script|<link|<iframe|<img|\ssrc=|@import|url\(/i);
  const urls = [...html.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0]);
  for (const u of urls) assert.ok(u === 'http://www.w3.org/2000/svg' || u.startsWith('https://console.cloud.google.com/logs/'), u);
  for (const t of tags(html)) assert.ok(ALLOWED_TAGS.has(t), `unexpected tag <${t}>`);
  assert.deepEqual(unbalanced(html), []);
});

test('incidents are collapsible sections, P0/P1 open, in priority order, with a chart', () => {
  const html = renderHtml(buildRunReport());
  const details = [...html.matchAll(/<details id="(incident-[0-9a-f]+)"( open)?>/g)].map((m) => `${m[1]}${m[2] ?? ''}`);
  assert.deepEqual(details, ['incident-7e8f9a0b1c2d3e4f open', 'incident-3f9a1c2b7d4e5f60 open', 'incident-a1b2c3d4e5f60718']);
  assert.equal((html.match(/<svg /g) ?? []).length, 4); // the service chart and one per incident
  assert.ok(html.includes('<title>2025-09-07T13:37:00Z, errors 2, warnings 150, other 43</title>'));
  assert.ok(html.includes('<td class="n">412</td><td class="n">0</td><td class="n">412</td><td class="n">0%</td>'));
  assert.ok(html.includes('<a href="#incident-7e8f9a0b1c2d3e4f">ModuleNotFoundError: No module named &#39;cachetools&#39; at start-up (crash loop)</a>'));
});

test('hostile log text is escaped everywhere and the element structure is intact', () => {
  const html = renderHtml(hostileRunReport());
  assert.doesNotMatch(html, /<script|<img/i);
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(html.includes('&lt;/details&gt;&lt;/summary&gt;&lt;/code&gt;&lt;/pre&gt;'));
  for (const t of tags(html)) assert.ok(ALLOWED_TAGS.has(t), `unexpected tag <${t}>`);
  assert.deepEqual(unbalanced(html), []);
  assert.equal((html.match(/<details/g) ?? []).length, 3); // two incidents + the per-minute table
  assert.ok(!html.includes(FAKE_JWT) && !html.includes('hunter2'));
});

test('byte-identical renders; secrets redacted', () => {
  const r = buildRunReport();
  const a = renderHtml(r);
  assert.equal(renderHtml(buildRunReport()), a);
  assert.equal(renderHtml({ ...r, incidents: [...r.incidents].reverse() }), a);
  assert.ok(!a.includes(FAKE_JWT));
  assert.ok(a.includes('WebSocket /ws/events?token=[REDACTED:jwt] rejected'));
});

test('a javascript: logs link is dropped, not linked', () => {
  const r = buildRunReport();
  const inc = { ...r.incidents[1]!, logsExplorerUrl: 'javascript:alert(1)' };
  const html = renderHtml({ ...r, incidents: [inc] });
  assert.ok(!html.includes('javascript:'));
});

test('a quiet run is still a well-formed page', () => {
  const html = renderHtml(emptyRunReport());
  assert.deepEqual(unbalanced(html), []);
  assert.ok(html.includes('<p>No incidents in this window.</p>'));
  assert.ok(html.includes('<p>No events.</p>'));
  assert.ok(!html.includes('<svg'));
});

test('the GitHub plan summary is escaped like everything else', () => {
  const github = { repo: '<b>acme</b>/api', applied: true, actions: { create: 1 }, done: 1, deferred: 0, failed: 0 };
  const html = renderHtml(buildRunReport({ github }));
  assert.ok(html.includes('<section id="github">'));
  assert.ok(html.includes('Repository <code>&lt;b&gt;acme&lt;/b&gt;/api</code>, applied.'));
  assert.deepEqual(unbalanced(html), []);
});

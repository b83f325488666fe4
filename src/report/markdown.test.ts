import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZWJ } from '../safety/index.js';
import { formatInt } from './format.js';
import { renderMarkdown } from './markdown.js';
import { scanMarkdown, stripCodeSpans, tablePipes } from './testdata/markdown-check.js';
import { buildRunReport, emptyRunReport, FAKE_JWT, hostileRunReport, HOSTILE_TEXT } from './testdata/fixtures.js';
import { redactSecrets, neutralizeMentions } from '../safety/index.js';

test('title names the service and the exact UTC window', () => {
  const md = renderMarkdown(buildRunReport());
  assert.equal(md.split('\n')[0], '# Worklog: auth-api — 2025-09-07T13:20:00Z to 2025-09-07T14:20:00Z (UTC)');
  assert.match(md, /Window `2025-09-07T13:20:00Z` \(inclusive\) to `2025-09-07T14:20:00Z` \(exclusive\), 60 min/);
});

test('executive summary shows the model figures only', () => {
  const r = buildRunReport();
  const md = renderMarkdown(r);
  assert.ok(md.includes(`- **3,033** entries read, **3,001** records analysed.`));
  assert.ok(md.includes('- By severity: ERROR 6 · WARNING 415 · INFO 2,568 · DEFAULT 6.'));
  assert.ok(md.includes('peak **2** at 2025-09-07T13:37:00Z; last minute of the window **0**.'));
  assert.ok(md.includes('- Incidents: **3** (P0 1 · P1 1 · P2 0 · P3 1); **1** new, **1** regression.'));
  const none = renderMarkdown({ ...r, summary: { ...r.summary, errorsPerMinutePeak: null } });
  assert.ok(none.includes('Errors (ERROR and above) per minute: peak none;'));
});

test('incident sections are in priority order with every part an on-call expects', () => {
  const md = renderMarkdown(buildRunReport());
  const p0 = md.indexOf('### 1. P0 · regression · ModuleNotFoundError');
  const p1 = md.indexOf('### 2. P1 · new · WebSocket /ws/events rejected with 403');
  const p3 = md.indexOf('### 3. P3 · other · config: JWKS_CACHE_TTL');
  assert.ok(p0 > 0 && p1 > p0 && p3 > p1, `${p0} ${p1} ${p3}`);
  const p1Section = md.slice(p1, p3);
  for (const part of [
    '- **Key** `3f9a1c2b7d4e5f60`',
    '- **Classification** new — no earlier run or GitHub issue has this incident key',
    '- **Count** 412 in the window (WARNING 412)',
    '- **Rate** peak 150/min at 2025-09-07T13:37:00Z; last full minute 5/min',
    '- **Seen all time** first 2025-09-07T13:21:04.512873Z',
    '`auth-api-00042-xyz` (412, first seen',
    '- **Affected** 3 instances · 388 traces · 57 users',
    '| **total** |   | **62** |',
    '| 412 | 0 | 412 | 0% | 3.2 ms | 11.8 ms | 24.5 ms |',
    '| 371 | `WebSocket /ws/events?token=<*> rejected: 403 JWT signature invalid` | `9c1d2e3f4a5b6c7d` |',
    '**Sample 1** — insertId `68bd8a1c000e3f2a9b1c4d5e` · 2025-09-07T13:21:04.512873Z · WARNING',
    '#### Why grouped',
    '  - [ ] Compare the kid in rejected tokens with the JWKS currently served',
    '- [ModuleNotFoundError: No module named \'cachetools\' at start-up (crash loop)](#incident-7e8f9a0b1c2d3e4f)',
    '- **Logs** [open in Logs Explorer](https://console.cloud.google.com/logs/query;',
  ]) {
    assert.ok(p1Section.includes(part), `missing: ${part}`);
  }
  assert.ok(md.includes('Top frames:\n\n```text\nauth/jwks.py:3 in <module>\nmain.py:12 in <module>\n```'));
  assert.ok(md.includes('- issue #118 — the issue this incident had before it was resolved'));
});

test('timeline, activity and coverage sections', () => {
  const md = renderMarkdown(buildRunReport());
  assert.ok(md.includes('| 2025-09-07T13:37:00Z | [P1 3f9a1c2b](#incident-3f9a1c2b7d4e5f60) | peak 150/min:'));
  assert.ok(md.includes('| 2025-09-07T13:37:00Z | 2 | 150 | 43 |'));
  assert.match(md, /errors {3}▁{16}▅█▁█▁▅▁+ {2}max 2/);
  assert.ok(md.includes('| `exports/auth-api-2025-09-07.json` | gcloud-json | 3,033 | 3,001 | 30 | 2 | yes |'));
  assert.ok(md.includes('- `exports/auth-api-2025-09-07.json:1184` — element is not a LogEntry object (a string)'));
  assert.ok(md.includes('- Not analysed: 17 outside the window, 0 below the minimum severity, 0 duplicates'));
  assert.ok(md.includes('- Template miner: 3,240 lines, 28 templates, 1 skipped, 0 truncated, 0 evicted.'));
  assert.ok(md.endsWith('```\n') && !md.endsWith('\n\n'));
});

test('an incomplete read is said in the summary and coverage', () => {
  const r = buildRunReport();
  const src = { ...r.coverage.sources[0]!, complete: false, readUpTo: '2025-09-07T13:50:00Z', error: 'HTTP 503 after 5 retries' };
  const md = renderMarkdown({ ...r, coverage: { ...r.coverage, sources: [src], complete: false } });
  assert.ok(md.includes('- **Coverage is incomplete**'));
  assert.ok(md.includes('| **no** (read up to 2025-09-07T13:50:00Z) |'));
  assert.ok(md.includes('stopped: HTTP 503 after 5 retries'));
});

test('two renders of the same model are byte-identical, and input order does not matter', () => {
  const r = buildRunReport();
  const a = renderMarkdown(r);
  assert.equal(renderMarkdown(buildRunReport()), a);
  assert.equal(renderMarkdown({ ...r, incidents: [...r.incidents].reverse() }), a);
});

test('secrets in samples are redacted', () => {
  const md = renderMarkdown(buildRunReport());
  assert.ok(!md.includes(FAKE_JWT));
  assert.ok(md.includes('WebSocket /ws/events?token=[REDACTED:jwt] rejected'));
});

test('hostile log text cannot break the document', () => {
  const md = renderMarkdown(hostileRunReport());
  const s = scanMarkdown(md);
  assert.equal(s.unclosed, false);
  // The hostile sample is one fenced block holding exactly its sanitized text.
  const expected = neutralizeMentions(redactSecrets(HOSTILE_TEXT));
  assert.ok(s.fences.some((f) => f.info === 'text' && f.body === expected), 'hostile sample not held in one fence');
  // Outside fences and code spans, the only raw HTML is what the renderer itself writes.
  const allowed = /^(?:<a id="incident-[0-9a-z-]+"><\/a>|<details>|<\/details>|<summary>Per-minute counts \(\d+ minutes\)<\/summary>)$/;
  for (const { line, text } of s.outside) {
    const bare = stripCodeSpans(text);
    if (allowed.test(bare)) continue;
    assert.doesNotMatch(bare, /(?<!\\)<[A-Za-z/!]/, `raw HTML on line ${line}: ${text}`);
  }
  // Every table row has as many cell separators as its header.
  let header = -1;
  for (const { text } of s.outside) {
    if (!text.startsWith('|')) {
      header = -1;
      continue;
    }
    if (header < 0) header = tablePipes(text);
    else assert.equal(tablePipes(text), header, `broken table row: ${text}`);
  }
  // Nothing notifies or links on GitHub, and no secret survives.
  assert.doesNotMatch(md, /(?<!\w)@octocat/);
  assert.doesNotMatch(md, /(?<!issue )#[0-9]/);
  assert.doesNotMatch(md, /GH-3/);
  assert.ok(md.includes(`@${ZWJ}octocat`));
  assert.ok(!md.includes(FAKE_JWT) && !md.includes('hunter2'));
});

test('e-mail redaction is opt-in', () => {
  const r = buildRunReport();
  const inc = { ...r.incidents[1]!, samples: [{ ...r.incidents[1]!.samples[0]!, text: 'login failed for alice@example.com' }] };
  const withMail = { ...r, incidents: [inc] };
  assert.ok(renderMarkdown(withMail).includes('login failed for alice@example.com'));
  assert.ok(renderMarkdown(withMail, { redactEmails: true }).includes('login failed for [REDACTED:email]'));
});

test('a huge sample is shown clipped with the omitted count; the fence still holds', () => {
  const r = buildRunReport();
  const big = `${'line of a very long traceback\n'.repeat(1000)}\`\`\`\`\nend`;
  const inc = { ...r.incidents[1]!, samples: [{ ...r.incidents[1]!.samples[0]!, text: big }] };
  const md = renderMarkdown({ ...r, incidents: [inc] });
  const s = scanMarkdown(md);
  assert.equal(s.unclosed, false);
  const body = s.fences.find((f) => f.body.startsWith('line of a very long traceback'))?.body ?? '';
  assert.ok(body.length <= 8000 && body.length > 4000, String(body.length));
  assert.ok(md.includes(`… ${formatInt(big.length - body.length)} more characters not shown`));
});

test('a quiet run renders every section without figures it does not have', () => {
  const md = renderMarkdown(emptyRunReport());
  assert.ok(md.includes('- By severity: none.'));
  assert.ok(md.includes('peak none; last minute of the window **0**.'));
  assert.ok(md.includes('## Incidents\n\nNo incidents in this window.'));
  assert.ok(md.includes('## Timeline\n\nNo events.'));
  assert.ok(!md.includes('## Activity per minute'));
  assert.equal(scanMarkdown(md).unclosed, false);
});

test('a day-long window buckets the sparkline into 60 cells of 24 minutes', () => {
  const r = buildRunReport({ window: { from: '2025-09-07T00:00:00Z', to: '2025-09-08T00:00:00Z', basis: 'since' } });
  const md = renderMarkdown(r);
  assert.ok(md.includes('24 h, chosen by since'));
  assert.ok(md.includes('One cell = 24 min, from 2025-09-07T00:00:00Z'));
  const errors = /^errors {3}(\S+) {2}max/m.exec(md)?.[1] ?? '';
  assert.equal([...errors].length, 60);
});

test('the GitHub plan summary is shown when the run computed one', () => {
  const r = buildRunReport({ github: { repo: 'acme/api', applied: false, actions: { noop: 1, create: 2, comment: 1 }, done: 0, deferred: 1, failed: 0 } });
  const md = renderMarkdown(r);
  assert.ok(md.includes('## GitHub\n\nRepository `acme/api`, dry run (nothing was written to GitHub).'));
  assert.ok(md.includes('- Planned actions: create 2 · comment 1 · noop 1.'));
  assert.ok(md.includes('- Done 0, deferred 1, failed 0.'));
  assert.ok(md.indexOf('## GitHub') < md.indexOf('## Coverage'));
  const odd = renderMarkdown(buildRunReport({ github: { something: 'else' } }));
  assert.ok(odd.includes('it is in the JSON report under `github`'));
  assert.ok(!renderMarkdown(buildRunReport()).includes('## GitHub'));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Incident } from '../../core/incident.js';
import { defaultGithubConfig } from './config.js';
import { parseIssueBody, renderIssueBody, withRelatedBlock } from './body.js';
import { renderStatusComment, renderEventComment, parseStatusData } from './comments.js';
import { issueMarker } from './marker.js';
import { makeIncident } from '../../../test/fakes/github-incidents.js';

// Bodies carry untrusted log text: secrets redacted, mentions/refs neutralized, no fence breakout,
// no planted markers, and never over the size limit. And they parse back into data.

const config = defaultGithubConfig();
const ZWJ = '\u200D';

function hostile(): Incident {
  return makeIncident('hostile', {
    title: 'Login failed for @alice see #123',
    samples: [
      {
        insertId: 'i1',
        timestamp: '2026-03-01T10:00:00Z',
        severity: 'ERROR',
        text: [
          'POST /login password=hunter2 token=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB',
          'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
          'aws AKIAIOSFODNN7EXAMPLE ping @oncall-team and fixes #42 and GH-7',
          '```',
          '## not a heading',
          '````',
          `${issueMarker('someone-else')}`,
        ].join('\n'),
      },
    ],
  });
}

/** Every fence opener is closed by a fence of the same length; no content escapes a block. */
function assertFencesBalanced(md: string): void {
  let open: string | undefined;
  for (const line of md.split('\n')) {
    const m = /^(`{3,})(.*)$/.exec(line);
    if (!m) continue;
    if (open === undefined) open = m[1];
    else if (m[1]!.length >= open.length && m[2]!.trim() === '') open = undefined;
  }
  assert.equal(open, undefined, 'a code fence is left open');
}

test('secrets in samples and titles are redacted', () => {
  const body = renderIssueBody(hostile(), config, { related: [] });
  for (const secret of ['hunter2', 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB', 'eyJhbGciOiJIUzI1NiJ9', 'AKIAIOSFODNN7EXAMPLE']) assert.ok(!body.includes(secret), `leaked ${secret}`);
  assert.match(body, /\[REDACTED:/);
});

test('@mentions and #refs in log text are neutralized, our own links are not', () => {
  const body = renderIssueBody(hostile(), config, { related: [{ issueNumber: 9, reason: 'same top frame' }] });
  assert.ok(!/(?<![\w])@alice/.test(body) && body.includes(`@${ZWJ}alice`));
  assert.ok(body.includes(`@${ZWJ}oncall-team`) && body.includes(`#${ZWJ}42`) && body.includes(`#${ZWJ}123`));
  assert.ok(!/(?<![\w&])#42\b/.test(body));
  assert.match(body, /^- #9 — same top frame$/m, 'the link we make ourselves stays live');
});

test('log text cannot break out of its code fence nor plant a marker', () => {
  const body = renderIssueBody(hostile(), config, { related: [] });
  assertFencesBalanced(body);
  assert.ok(body.includes('`````text'), 'the fence is longer than any backtick run inside');
  assert.equal(parseIssueBody(body)?.key, hostile().key);
  assert.equal(body.split('\n').filter((l) => l.startsWith('<!-- log-gardener:key=')).length, 1, 'only our marker, on the first line');
});

test('bodies stay under 60,000 characters: samples are cut first, and the body says so', () => {
  const huge = 'x'.repeat(50_000) + '\n' + 'y'.repeat(50_000);
  const inc = makeIncident('huge', {
    samples: [1, 2, 3].map((n) => ({ insertId: `i${n}`, timestamp: '2026-03-01T10:00:00Z', severity: 'ERROR' as const, text: `${n}${huge}` })),
  });
  const body = renderIssueBody(inc, config, { related: [] });
  assert.ok(body.length <= 60_000, `${body.length}`);
  assert.match(body, /Samples were shortened/);
  assert.match(body, /more characters of this entry not shown/);
  assertFencesBalanced(body);
  // Even absurd titles, hints and frames cannot push it over.
  const absurd = makeIncident('absurd', {
    grouping: Array.from({ length: 3000 }, (_, i) => `reason ${i} `.repeat(5)),
    exception: { type: 'E', message: 'm', topFrames: Array.from({ length: 5000 }, (_, i) => `frame ${i}`), language: 'python' },
  });
  const b2 = renderIssueBody(absurd, config, { related: [] });
  assert.ok(b2.length <= 60_000, `${b2.length}`);
  assert.equal(parseIssueBody(b2)?.key, absurd.key);
  assertFencesBalanced(b2);
});

test('a body parses back into marker, version and related links, and renders again identically', () => {
  const inc = makeIncident('round');
  const related = [
    { issueNumber: 4, reason: 'same exception type: KeyError' },
    { issueNumber: 11, reason: 'co-occurring within 2 s on one instance' },
  ];
  const body = renderIssueBody(inc, config, { related });
  const parsed = parseIssueBody(body)!;
  assert.equal(parsed.key, inc.key);
  assert.equal(parsed.version, 1);
  assert.deepEqual(parsed.related, related);
  assert.equal(renderIssueBody(inc, config, { related: parsed.related }), body);
  const relinked = withRelatedBlock(body, [related[1]!]);
  assert.deepEqual(parseIssueBody(relinked)!.related, [related[1]]);
  assert.equal(withRelatedBlock(relinked, related), body, 'only the related block changes');
  assert.equal(parseIssueBody('no marker here'), undefined);
});

test('the body carries every required section from measured figures', () => {
  const body = renderIssueBody(makeIncident('full', { spike: { factor: 6.25, baselinePerMinute: 1.5, basis: '3 earlier runs, 180 minutes' } }), config, { related: [] });
  for (const section of ['## Summary', '## Figures', '## Revisions', '## Samples', '## Stack', '## Why grouped', '## Priority', '## Hints', '## Logs', '## Related issues']) assert.ok(body.includes(section), section);
  assert.match(body, /\| Entries in window \| 412 \|/);
  assert.match(body, /×6\.3 over 1\.5\/min/);
  assert.match(body, /\[Open these entries in Logs Explorer\]\(https:\/\/console\.cloud\.google\.com\/logs\/query;query=resource\.type%3D%22cloud_run_revision%22\?project=demo\)/);
  assert.match(body, /Entries per minute, .*: `[▁▂▃▄▅▆▇█·]+`/);
});

test('a non-https Logs Explorer link is left out', () => {
  const body = renderIssueBody(makeIncident('js', { logsExplorerUrl: 'javascript:alert(1)' }), config, { related: [] });
  assert.ok(!body.includes('javascript:'));
});

test('status comment: deterministic, carries its data; event comments carry their id', () => {
  const inc = makeIncident('status');
  const a = renderStatusComment(inc, config);
  assert.equal(a, renderStatusComment(inc, config));
  assert.deepEqual(parseStatusData(a), { lastSeen: inc.lastSeen, revisions: ['checkout-00042-abc'], spikeFactor: null, classification: 'new', priority: 'P1' });
  const evil = makeIncident('status', { revisions: [{ name: 'rev --> <script>', count: 1, firstSeen: inc.firstSeen }] });
  const b = renderStatusComment(evil, config);
  assert.equal(b.split('\n')[1]!.indexOf('-->'), b.split('\n')[1]!.length - 3, 'the data line cannot be closed early');
  assert.deepEqual(parseStatusData(b)?.revisions, ['rev --> <script>']);
  const e = renderEventComment(inc, { kind: 'new-revision', revisions: ['checkout-00043-@bob'] }, 'abc123', config);
  assert.match(e, /^<!-- log-gardener:event;key=[^;]+;id=abc123 -->\n/);
  assert.ok(e.includes(`@${ZWJ}bob`));
});

test('e-mail addresses are kept by default and redacted when configured', () => {
  const inc = makeIncident('mail', { samples: [{ insertId: 'm', timestamp: '2026-03-01T10:00:00Z', severity: 'ERROR', text: 'login failed for jane.doe@example.com' }] });
  assert.ok(renderIssueBody(inc, config, { related: [] }).includes('jane.doe@example.com'));
  const strict = { ...config, redactEmails: true };
  assert.ok(!renderIssueBody(inc, strict, { related: [] }).includes('jane.doe@example.com'));
  assert.ok(!renderStatusComment({ ...inc, classificationReason: 'reported by jane.doe@example.com' }, strict).includes('jane.doe@example.com'));
});

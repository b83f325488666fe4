import { test } from 'node:test';
import assert from 'node:assert/strict';
import { neutralizeMentions, ZWJ } from './mentions.js';

const Z = ZWJ;

const cases: [string, string][] = [
  ['ping @alice now', `ping @${Z}alice now`],
  ['@org/team-sre please', `@${Z}org/team-sre please`],
  ['(@bob)', `(@${Z}bob)`],
  ['fixes #123.', `fixes #${Z}123.`],
  ['see acme/api#45', `see acme/api#${Z}45`],
  ['GH-7 and gh-8', `GH-${Z}7 and gh-${Z}8`],
  ['@Override\n  public void run()', `@${Z}Override\n  public void run()`],
  ['npm i @types/node', `npm i @${Z}types/node`],
];

for (const [input, expected] of cases) {
  test(`neutralizes: ${JSON.stringify(input)}`, () => {
    assert.equal(neutralizeMentions(input), expected);
  });
}

const untouched = [
  'mail bob@example.com or first.last+x@corp.example.org',
  'see https://github.com/o/r/issues/1#issuecomment-2 and https://x.com/@bob?ref=#12',
  'html &#123; entity, css color #fff, anchor page#intro, version v1.2#',
  'user@host:~$ ls',
  '@ alone, # alone, #x, GH-x, @-dash',
  'deadline 13:20 UTC, price 5 @ 3',
];

for (const text of untouched) {
  test(`leaves alone: ${JSON.stringify(text)}`, () => {
    assert.equal(neutralizeMentions(text), text);
  });
}

test('is idempotent and keeps the visible text', () => {
  const input = 'cc @alice @org/team #1 a/b#2 GH-3 https://h/x#4 a@b.io';
  const once = neutralizeMentions(input);
  assert.equal(neutralizeMentions(once), once);
  assert.equal(once.replaceAll(Z, ''), input);
  assert.equal(once.split(Z).length - 1, 5);
});

test('no live mention or reference survives (GitHub-like patterns)', () => {
  const nasty = '@a @b-c @d/e #9 x#9 o/r#9 GH-9 `@f` **@g** [@h](u) <@i> @@j ##10';
  const out = neutralizeMentions(nasty);
  assert.doesNotMatch(out, /(?<!\w)@[A-Za-z0-9]/);
  assert.doesNotMatch(out, /(?<!&)#\d/);
  assert.doesNotMatch(out, /GH-\d/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalToken } from './markers.js';
import { joinWithSpacing, tokenize, tokenizeInto, tokenizeWithSpacing } from './tokenize.js';

const show = (line: string): string => tokenize(line).map(canonicalToken).join(' ');

test('splits on any whitespace and keeps punctuation on its token', () => {
  assert.equal(show('Connection closed by 10.0.0.1 port 22 [preauth]'), 'Connection closed by <ip> port <num> [preauth]');
  assert.equal(show('  a\tb   c '), 'a b c');
  assert.deepEqual(tokenize(''), []);
});

test('a date written with spaces is one variable', () => {
  assert.equal(show('connection from 1.2.3.4 () at Sat Jun 11 04:47:44 2005'), 'connection from <ip> () at <ts>');
  assert.equal(show('timed out at Jun 11 04:47:44 EDT 2005 ok'), 'timed out at <ts> ok');
  assert.equal(show('May the force'), 'May the force');
});

test('booleans are masked although they carry no digit', () => {
  assert.equal(show('setLightsOn(true) flag false'), 'setLightsOn(<id>) flag <bool>');
  assert.equal(show('truest falsehood'), 'truest falsehood');
});

test('too many tokens is reported, not truncated silently', () => {
  const out: string[] = [];
  assert.equal(tokenizeInto('a b c d', out, 3), -1);
  assert.equal(tokenizeInto('a b c', out, 3), 3);
});

test('original spacing can be rebuilt', () => {
  const line = '  2015-10-18 18:01:47,978 INFO\t[main]  done ';
  const { tokens, gaps } = tokenizeWithSpacing(line);
  assert.equal(joinWithSpacing(tokens, gaps), line);
  assert.deepEqual(tokens, ['2015-10-18', '18:01:47,978', 'INFO', '[main]', 'done']);
});

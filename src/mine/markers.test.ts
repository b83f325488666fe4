import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WILDCARD, canonicalToken, marker, renderToken } from './markers.js';

test('canonicalToken writes each marker as <type> and leaves the text around it as it is', () => {
  assert.equal(canonicalToken('plain'), 'plain');
  assert.equal(canonicalToken(marker('num')), '<num>');
  assert.equal(canonicalToken(`user=${marker('hex')},id=${WILDCARD}`), 'user=<hex>,id=<*>');
  // Replacement patterns must not leak: '$' in the text or in a type is text.
  assert.equal(canonicalToken(`$1${marker('a$1b')}$&$$`), '$1<a$1b>$&$$');
  assert.equal(canonicalToken(`${marker('')}x`), '<>x');
  // A literal "<num>" in a log line is text, not a marker: only the private-use pair counts.
  assert.equal(canonicalToken('<num>'), '<num>');
});

test('renderToken writes every variable as <*>, adjacent ones as one', () => {
  assert.equal(renderToken(`${marker('num')}${marker('hex')}ms`), '<*>ms');
  assert.equal(renderToken(`a=${marker('ip')}`), 'a=<*>');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataLine, defuseComments, eventMarker, issueMarker, parseDataLine, parseEventMarker, parseIssueMarker, parseStatusMarker, statusMarker } from './marker.js';

test('markers round-trip, including keys with unusual characters', () => {
  for (const key of ['a1b2c3d4e5f60718', 'svc:checkout/exc;1', 'ключ']) {
    assert.deepEqual(parseIssueMarker(`${issueMarker(key)}\nbody`), { key, version: 1 });
    assert.deepEqual(parseStatusMarker(statusMarker(key)), { key, version: 1 });
    assert.deepEqual(parseEventMarker(eventMarker(key, 'abc')), { key, eventId: 'abc' });
  }
  assert.equal(issueMarker('k'), '<!-- log-gardener:key=k;v=1 -->');
});

test('a marker counts only as the first line, and kinds do not mix', () => {
  assert.equal(parseIssueMarker(`hello\n${issueMarker('k')}`), undefined);
  assert.equal(parseIssueMarker(statusMarker('k')), undefined);
  assert.equal(parseStatusMarker(issueMarker('k')), undefined);
  assert.equal(parseIssueMarker(null), undefined);
  assert.equal(parseIssueMarker('<!-- log-gardener:key=%E0%A4%A;v=1 -->'), undefined, 'malformed escapes are rejected, not thrown');
});

test('defused comments cannot open or close an HTML comment', () => {
  const d = defuseComments('<!-- x --> and <!--');
  assert.ok(!d.includes('<!--') && !d.includes('-->'));
});

test('data lines survive hostile strings', () => {
  const line = dataLine('data', { s: '--> <!-- </x>' });
  assert.equal(line.indexOf('-->'), line.length - 3);
  assert.deepEqual(parseDataLine(`a\n${line}\nb`, 'data'), { s: '--> <!-- </x>' });
  assert.equal(parseDataLine('<!-- log-gardener:data {bad -->', 'data'), undefined);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalToken } from './markers.js';
import { MASK_RULES, classify, classifySlow, isVariableSegment, maskToken } from './mask.js';

const show = (t: string): string => canonicalToken(maskToken(t));

test('each masking rule recognises its own values and not plain words', () => {
  const cases: Record<string, string[]> = {
    num: ['0', '42', '-7', '3.14', '1,234'],
    bool: ['true', 'False', 'null'],
    url: ['https://example.com/a?b=1', 'hdfs://host:9000/x'],
    email: ['alice@example.com'],
    path: ['/var/log/app.log', 'C:\\Windows\\System32', './a/b'],
    host: ['host8.example.net', 'msra-sa-41', 'db-1.prod.internal:5432'],
    uuid: ['0f8fad5b-d9cb-469f-a165-70867728950e'],
    mac: ['00:1a:2b:3c:4d:5e'],
    ip: ['10.0.0.1', '10.0.0.1:8080', '/10.251.39.242', 'fe80::1'],
    ts: ['2015-10-18T18:01:47.978Z', '2016-09-28 04:30:30'.replace(' ', 'T')],
    date: ['2015-10-18', '04:47:44'],
    dur: ['1234ms', '1.5s'],
    size: ['12KB', '3.5GB'],
    hex: ['0x1f', 'deadbeef12', 'a64f992'],
  };
  for (const [type, values] of Object.entries(cases)) {
    const rule = MASK_RULES.find((r) => r.type === type);
    assert.ok(rule, `rule ${type} exists`);
    for (const v of values) assert.equal(classifySlow(v), type, `${v} is ${type}`);
  }
  for (const word of ['hello', 'ssh2', 'log4j', 'org.apache.hadoop.mapreduce.v2.app.MRAppMaster', 'core.9369x', 'abc']) {
    assert.equal(classify(word), undefined, `${word} is not a variable`);
  }
});

test('the fast classifier agrees with trying the rules in order', () => {
  const values = ['0', '-1', '1.2.3.4', '1.2.3.4:80', 'abc', 'true', 'x@y.io', '/a/b', '/a', 'a-b-12', 'a.b.com',
    '12ms', '1.5MB', 'deadbeef', 'deadbeef1', '0xff', '2015-10-18', '04:47:44', 'fe80::1', 'uid=0', 'v6.1.7601',
    '0f8fad5b-d9cb-469f-a165-70867728950e', 'http://x.y/z', '12:ab', 'node-12', 'blk_-12'];
  for (const v of values) assert.equal(classify(v), classifySlow(v), v);
});

test('masking keeps keys, brackets and punctuation, one variable per value', () => {
  assert.equal(show('uid=0'), 'uid=<num>');
  assert.equal(show('(uid=0)'), '(uid=<num>)');
  assert.equal(show('[173.234.31.186]'), '[<ip>]');
  assert.equal(show('1272).'), '<num>).');
  assert.equal(show('node-246'), 'node-<num>');
  assert.equal(show('core.9369'), 'core.<num>');
  assert.equal(show('blk_-7483426835701512490'), '<id>');
  assert.equal(show('PendingReds:0'), 'PendingReds:<num>');
  assert.equal(show('1514038440000##7007##548365'), '<num>##<num>##<num>');
  assert.equal(show('ready=true,policy=3'), 'ready=<id>,policy=<num>');
  assert.equal(show('setLightsOn(true)'), 'setLightsOn(<id>)');
  assert.equal(show('SHA256:Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEFCQ0RFRg'), 'SHA256:<b64>');
  assert.equal(show('ssh2'), 'ssh2');
  assert.equal(show('hello'), 'hello');
});

test('a word with one digit is a name, two digits or a lone digit are data', () => {
  assert.equal(isVariableSegment('ssh2'), false);
  assert.equal(isVariableSegment('utf8'), false);
  assert.equal(isVariableSegment('u0'), true);
  assert.equal(isVariableSegment('subdir41'), true);
  assert.equal(isVariableSegment('7'), true);
});

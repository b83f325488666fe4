import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileLogFormat } from './log-format.js';

test('Loghub header formats split a line into fields', () => {
  const f = compileLogFormat('<Date> <Time> <Level> \\[<Process>\\] <Component>: <Content>');
  assert.deepEqual(f.parse('2015-10-18 18:01:47,978 INFO [main] org.a.B: Created MRAppMaster for x'), {
    Date: '2015-10-18', Time: '18:01:47,978', Level: 'INFO', Process: 'main', Component: 'org.a.B', Content: 'Created MRAppMaster for x',
  });
  assert.equal(f.content('not a header line'), undefined);
});

test('optional groups and runs of spaces in formats', () => {
  const f = compileLogFormat('<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>');
  assert.equal(f.content('Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown'), 'check pass; user unknown');
  assert.equal(f.content('Jun  9 06:06:20 combo syslogd 1.4.1: restart.'), 'restart.');
});

test('a format without <Content> or with a bad pattern is refused', () => {
  assert.throws(() => compileLogFormat('<Date> <Time>'), /Content/);
  assert.throws(() => compileLogFormat('(<Content>'), /not a valid pattern/);
});

// Figures for the GitHub sink (prints, asserts nothing): planning time for many incidents, body
// rendering, and a full apply of 60 incidents against the fake on 127.0.0.1 (simulated clock, so
// budget waits cost no real time; the figure is the sink's own overhead plus local HTTP).
// Usage: npx tsx test/fakes/github-bench.ts
import { performance } from 'node:perf_hooks';
import { githubConfigSchema } from '../../src/sinks/github/config.js';
import { renderIssueBody } from '../../src/sinks/github/body.js';
import { planGithubSync } from '../../src/sinks/github/plan.js';
import type { GithubSnapshot } from '../../src/sinks/github/plan-types.js';
import { MemoryGithubState } from '../../src/sinks/github/state.js';
import { manyIncidents } from './github-incidents.js';
import { TestClock, runSync, startFake } from './github-harness.js';

const config = githubConfigSchema.parse({ budget: { perHour: 100_000, maxWaitSeconds: 100_000 } });
const ms = (t0: number) => (performance.now() - t0).toFixed(1);

{
  const incidents = manyIncidents(1000);
  const snapshot: GithubSnapshot = { repo: { owner: 'a', repo: 'b' }, botLogin: 'bot', botLoginSource: 'token', readAt: '2026-03-01T11:00:00Z', issues: [], comments: {}, labels: [], readFailures: [] };
  const t0 = performance.now();
  const plan = planGithubSync({ incidents, snapshot, state: { issueByKey: {}, writesLastHour: 0 }, config, now: new Date('2026-03-01T11:00:00Z') });
  console.log(`plan: 1000 new incidents -> ${plan.actions.length} actions in ${ms(t0)} ms`);
}
{
  const inc = manyIncidents(1)[0]!;
  const t0 = performance.now();
  for (let i = 0; i < 1000; i++) renderIssueBody(inc, config, { related: [] });
  console.log(`body: ${((performance.now() - t0) / 1000).toFixed(3)} ms per issue body (1000 renders, ${renderIssueBody(inc, config, { related: [] }).length} chars)`);
  const huge = { ...inc, samples: inc.samples.map((s) => ({ ...s, text: 'x'.repeat(200_000) })) };
  const t1 = performance.now();
  const b = renderIssueBody(huge, config, { related: [] });
  console.log(`body: 3 samples of 200,000 chars cut to ${b.length} chars in ${ms(t1)} ms`);
}
{
  const clock = new TestClock(Date.parse('2026-03-01T11:00:00Z'));
  const fake = await startFake(clock);
  const incidents = manyIncidents(60);
  const state = new MemoryGithubState();
  const t0 = performance.now();
  const r = await runSync(fake, clock, incidents, state, { config: { budget: { perHour: 1000, maxWaitSeconds: 7200 } } });
  const first = ms(t0);
  const requests = fake.requests.length;
  const t1 = performance.now();
  await runSync(fake, clock, incidents, state, { config: { budget: { perHour: 1000, maxWaitSeconds: 7200 } } });
  console.log(`apply: 60 incidents -> ${r.applied?.writes} writes, ${requests} requests, ${first} ms wall (simulated waits ${(clock.slept.reduce((a, b) => a + b, 0) / 1000).toFixed(0)} s); identical rerun ${ms(t1)} ms, ${fake.requests.length - requests} requests, 0 writes`);
  await fake.stop();
}

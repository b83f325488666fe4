import type { GithubPlan, PlanAction } from './plan-types.js';

// The plan as a plain-text table for the terminal (`run` without --apply prints it).

const target = (a: PlanAction): string => {
  if (a.kind === 'create') return a.regressionOf !== undefined ? `new (regression of #${a.regressionOf})` : 'new';
  return a.issueNumber === null ? 'new' : `#${a.issueNumber}`;
};

const oneLine = (s: string, max: number) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
};

export function renderPlanTable(plan: GithubPlan): string {
  const rows = plan.actions.map((a) => [a.priority, a.kind === 'defer' ? `defer (${a.cause})` : a.kind, target(a), a.incidentKey.slice(0, 16), String(a.writes), oneLine(a.reason, 100)]);
  const head = ['PRI', 'ACTION', 'ISSUE', 'INCIDENT', 'WRITES', 'REASON'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const counts = new Map<string, number>();
  for (const a of plan.actions) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  const summary = [...counts.entries()].map(([k, n]) => `${n} ${k}`).join(', ') || 'nothing to do';
  const out = [
    `GitHub plan for ${plan.repo.owner}/${plan.repo.repo} as ${plan.botLogin}: ${summary}; ${plan.writes} write(s) (budget ${plan.budget.perMinute}/min, ${plan.budget.perHour}/h, ${plan.budget.usedLastHour} used in the last hour)`,
  ];
  if (plan.labelsToCreate.length > 0) out.push(`Labels to create first: ${plan.labelsToCreate.map((l) => l.name).join(', ')}`);
  if (rows.length > 0) out.push('', line(head), ...rows.map(line));
  return `${out.join('\n')}\n`;
}

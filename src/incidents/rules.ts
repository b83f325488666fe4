import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { GardenerError } from '../core/errors.js';
import type { Priority } from '../core/incident.js';
import type { LogRecord } from '../core/record.js';
import { SEVERITY_NUMBERS, parseSeverity } from '../core/severity.js';

// User rules on top of the automatic grouping, Sentry-like: matchers on message, logger, exception
// type, path, function, label and severity; actions merge, split by label, ignore, title, priority,
// owner. Strings are globs (`*`, `?`) unless written as /regex/flags.

const matcherText = z.string().min(1);
const matchSchema = z
  .object({
    message: matcherText.optional(),
    logger: matcherText.optional(),
    exception: matcherText.optional(),
    path: matcherText.optional(),
    function: matcherText.optional(),
    label: z.record(matcherText).optional(),
    severity: z.string().regex(/^(>=|<=|>|<|=)?\s*[A-Za-z]+$/, 'a severity such as "ERROR" or ">=WARNING"').optional(),
  })
  .strict()
  .refine((m) => Object.keys(m).length > 0, 'match needs at least one matcher');

const ruleSchema = z
  .object({
    name: z.string().min(1).optional(),
    match: matchSchema,
    merge: z.string().min(1).optional(),
    split_by_label: z.string().min(1).optional(),
    ignore: z.boolean().optional(),
    title: z.string().min(1).optional(),
    priority: z.enum(['P0', 'P1', 'P2', 'P3']).optional(),
    owner: z.string().min(1).optional(),
  })
  .strict()
  .refine((r) => [r.merge, r.split_by_label, r.ignore].filter((x) => x !== undefined && x !== false).length <= 1, 'use at most one of merge, split_by_label, ignore')
  .refine(
    (r) => r.merge !== undefined || r.split_by_label !== undefined || r.ignore === true || r.title !== undefined || r.priority !== undefined || r.owner !== undefined,
    'a rule needs an action: merge, split_by_label, ignore, title, priority or owner',
  );

const rulesFileSchema = z.object({ version: z.literal(1).optional(), rules: z.array(ruleSchema) }).strict();

export type RuleSpec = z.infer<typeof ruleSchema>;

export interface Rule {
  /** The rule's name, or "rule N" (1-based position) when unnamed. */
  name: string;
  spec: RuleSpec;
  matches(record: LogRecord): boolean;
}

export interface Rules {
  rules: Rule[];
}

export const noRules = (): Rules => ({ rules: [] });

/** Parses and validates a rules file; errors name the rule and field at fault. */
export function parseRules(yamlText: string): Rules {
  let data: unknown;
  try {
    data = parseYaml(yamlText);
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos?.[0] ? ` at line ${err.linePos[0].line}` : '';
    throw new GardenerError('config', `rules file is not valid YAML${where}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) return noRules();
  const parsed = rulesFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
    throw new GardenerError('config', `rules file: ${path === '' ? '(top level)' : path}: ${issue?.message ?? 'invalid'}`, {
      hint: 'expected `rules:` — a list of { name?, match: { message|logger|exception|path|function|label|severity }, merge|split_by_label|ignore|title|priority|owner }',
    });
  }
  return { rules: parsed.data.rules.map((spec, i) => compileRule(spec, i)) };
}

function compileRule(spec: RuleSpec, index: number): Rule {
  const name = spec.name ?? `rule ${index + 1}`;
  const tests: ((r: LogRecord) => boolean)[] = [];
  const m = spec.match;
  if (m.message !== undefined) {
    const p = pattern(m.message, name);
    tests.push((r) => p(r.message) || (r.exception !== undefined && p(`${r.exception.type}: ${r.exception.message}`)));
  }
  if (m.logger !== undefined) {
    const p = pattern(m.logger, name);
    tests.push((r) => r.logger !== undefined && p(r.logger));
  }
  if (m.exception !== undefined) {
    const p = pattern(m.exception, name);
    tests.push((r) => r.exception !== undefined && [r.exception, ...(r.exception.chain ?? [])].some((e) => p(e.type)));
  }
  if (m.path !== undefined) {
    const p = pattern(m.path, name);
    tests.push((r) => framesOf(r).some((f) => f.file !== undefined && p(f.file)) || (r.sourceLocation?.file !== undefined && p(r.sourceLocation.file)));
  }
  if (m.function !== undefined) {
    const p = pattern(m.function, name);
    tests.push((r) => framesOf(r).some((f) => f.function !== undefined && p(f.function)) || (r.sourceLocation?.function !== undefined && p(r.sourceLocation.function)));
  }
  for (const [key, value] of Object.entries(m.label ?? {})) {
    const p = pattern(value, name);
    tests.push((r) => r.labels[key] !== undefined && p(r.labels[key]));
  }
  if (m.severity !== undefined) tests.push(severityTest(m.severity, name));
  return { name, spec, matches: (r) => tests.every((t) => t(r)) };
}

function framesOf(r: LogRecord) {
  return r.exception === undefined ? [] : [r.exception, ...(r.exception.chain ?? [])].flatMap((e) => e.frames);
}

function pattern(text: string, rule: string): (s: string) => boolean {
  const re = /^\/(.*)\/([a-z]*)$/s.exec(text);
  if (re !== null) {
    try {
      const compiled = new RegExp(re[1] ?? '', re[2]);
      return (s) => compiled.test(s);
    } catch (err) {
      throw new GardenerError('config', `rules file: ${rule}: invalid regular expression ${text}: ${(err as Error).message}`);
    }
  }
  const glob = new RegExp(`^${text.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
  return (s) => glob.test(s);
}

function severityTest(text: string, rule: string): (r: LogRecord) => boolean {
  const m = /^(>=|<=|>|<|=)?\s*([A-Za-z]+)$/.exec(text.trim());
  const sev = parseSeverity(m?.[2]);
  if (m === null || sev === undefined) throw new GardenerError('config', `rules file: ${rule}: unknown severity "${text}"`);
  const n = SEVERITY_NUMBERS[sev];
  const op = m[1] ?? '=';
  return (r) => {
    const v = SEVERITY_NUMBERS[r.severity];
    return op === '>=' ? v >= n : op === '<=' ? v <= n : op === '>' ? v > n : op === '<' ? v < n : v === n;
  };
}

/** What the rules decide for one record. */
export interface RuleVerdict {
  /** The first rule with a grouping action (merge / split / ignore) that matched. */
  grouping?: Rule;
  /** Rules with title / priority / owner that matched, in file order. */
  annotations: Rule[];
}

export function applyRules(rules: Rules, record: LogRecord): RuleVerdict {
  let grouping: Rule | undefined;
  const annotations: Rule[] = [];
  for (const rule of rules.rules) {
    const s = rule.spec;
    const groups = s.merge !== undefined || s.split_by_label !== undefined || s.ignore === true;
    const annotates = s.title !== undefined || s.priority !== undefined || s.owner !== undefined;
    if (!(groups && grouping === undefined) && !annotates) continue;
    if (!rule.matches(record)) continue;
    if (groups && grouping === undefined) grouping = rule;
    if (annotates) annotations.push(rule);
  }
  return grouping === undefined ? { annotations } : { grouping, annotations };
}

export type { Priority };

import type { Incident } from '../core/incident.js';
import { SEVERITY_NUMBERS, type Severity } from '../core/severity.js';

// An on-call engineer files issues about problems, not about "GET /healthz 200". Every template
// still belongs to an incident (so every entry has an incident key), but incidents that carry no
// sign of a problem are routine activity: listed compactly in the worklog, never filed on GitHub.

const PROBLEM_WORDS = /\b(error|errors|exception|fail(?:ed|ure|s)?|fatal|panic|traceback|crash(?:ed)?|killed|denied|refused|forbidden|unauthori[sz]ed|timed? ?out|timeout|unavailable|invalid|reject(?:ed)?|abort(?:ed)?|oom|out of memory|exit(?:ed)?\(?\s*[1-9])/i;

export function isRoutine(inc: Incident): boolean {
  if (inc.fingerprint.kind === 'silence') return false;
  if (inc.exception !== undefined) return false;
  if (inc.hints.length > 0) return false;
  if (inc.http !== undefined && inc.http.status4xx + inc.http.status5xx > 0) return false;
  for (const [sev, n] of Object.entries(inc.bySeverity) as [Severity, number][]) {
    if (n > 0 && SEVERITY_NUMBERS[sev] >= SEVERITY_NUMBERS.WARNING) return false;
  }
  // Entries without severity (raw stdout/stderr lines) are routine only when nothing in them reads
  // like a problem.
  if ((inc.bySeverity.DEFAULT ?? 0) > 0) {
    if (PROBLEM_WORDS.test(inc.title)) return false;
    for (const t of inc.templates) if (PROBLEM_WORDS.test(t.template)) return false;
  }
  return true;
}

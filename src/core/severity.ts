// Cloud Logging's LogSeverity, in its numeric order. An entry without a severity is DEFAULT (0):
// that is how Cloud Logging itself represents "no severity" (Cloud Run's raw stderr lines), and we
// keep it as its own value rather than guessing.
export const SEVERITY_NUMBERS = {
  DEFAULT: 0,
  DEBUG: 100,
  INFO: 200,
  NOTICE: 300,
  WARNING: 400,
  ERROR: 500,
  CRITICAL: 600,
  ALERT: 700,
  EMERGENCY: 800,
} as const;

export type Severity = keyof typeof SEVERITY_NUMBERS;
export const SEVERITIES = Object.keys(SEVERITY_NUMBERS) as Severity[];

export function severityNumber(s: Severity): number {
  return SEVERITY_NUMBERS[s];
}

/** Parses a severity name (any case, common aliases) or number; undefined when unrecognised. */
export function parseSeverity(value: unknown): Severity | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    let best: Severity = 'DEFAULT';
    for (const s of SEVERITIES) if (SEVERITY_NUMBERS[s] <= value) best = s;
    return best;
  }
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toUpperCase();
  if (v === '') return undefined;
  if (/^\d+$/.test(v)) return parseSeverity(Number(v));
  if (v in SEVERITY_NUMBERS) return v as Severity;
  return SEVERITY_ALIASES[v];
}

const SEVERITY_ALIASES: Record<string, Severity> = {
  TRACE: 'DEBUG', FINE: 'DEBUG', FINER: 'DEBUG', FINEST: 'DEBUG', VERBOSE: 'DEBUG', DBG: 'DEBUG', D: 'DEBUG', V: 'DEBUG',
  INFORMATION: 'INFO', INF: 'INFO', I: 'INFO', CONFIG: 'INFO',
  WARN: 'WARNING', WRN: 'WARNING', W: 'WARNING',
  ERR: 'ERROR', SEVERE: 'ERROR', E: 'ERROR', FAIL: 'ERROR', FAILURE: 'ERROR',
  CRIT: 'CRITICAL', FATAL: 'CRITICAL', F: 'CRITICAL', PANIC: 'EMERGENCY', EMERG: 'EMERGENCY',
};

/** ERROR and above. */
export function isErrorOrWorse(s: Severity): boolean {
  return SEVERITY_NUMBERS[s] >= SEVERITY_NUMBERS.ERROR;
}

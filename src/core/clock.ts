// The clock is injected everywhere so that runs are reproducible in tests.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string | Date): Clock {
  const t = typeof iso === 'string' ? new Date(iso) : iso;
  return { now: () => new Date(t.getTime()) };
}

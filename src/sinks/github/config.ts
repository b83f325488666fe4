import { z } from 'zod';

// The GitHub sink's settings: one validated object, built once by the CLI and passed down.
// Every default says what it trades off.

export const githubConfigSchema = z
  .object({
    /** Issue title. Placeholders: {classification} {priority} {title} {service} {key}. */
    titleTemplate: z.string().min(1).default('GCP-{classification} | {priority} | {title}'),
    /**
     * The login our issues are authored by, used when the token cannot read /user (a GitHub Actions
     * token: "github-actions[bot]"). Markers count only on issues authored by this login.
     */
    botLogin: z.string().min(1).optional(),
    labels: z
      .object({
        /** On every issue we file; also how people filter them. */
        managed: z.string().min(1).default('log-gardener'),
        /** Added when a closed issue's incident comes back but the reopen conditions do not hold. */
        recurred: z.string().min(1).default('recurred'),
        /** Priority label = prefix + P0..P3 ("P1" by default). */
        priorityPrefix: z.string().default(''),
        /** Classification label = prefix + new|regression|active-dev|other. */
        classificationPrefix: z.string().default(''),
      })
      .default({}),
    /** A completed issue whose incident returns in a newer revision: reopen it, or file a new issue linking it. */
    onRegression: z.enum(['reopen', 'new-issue']).default('reopen'),
    /** Occurrences this soon after a close are the tail of the old problem, not a regression (avoids reopen storms). */
    reopenGraceMinutes: z.number().int().min(0).default(60),
    /** A gap this long since the last occurrence makes a return worth a new comment. */
    quietPeriodMinutes: z.number().int().min(1).default(24 * 60),
    /** A spike of at least this factor over the baseline is worth a new comment. */
    spikeFactor: z.number().min(1).default(4),
    budget: z
      .object({
        /** Content-creating requests per minute (GitHub's secondary limits start around 80; we stay far below). */
        perMinute: z.number().int().min(1).default(20),
        /** Per hour, counted across runs through the journal. */
        perHour: z.number().int().min(1).default(150),
        /** How long one run may wait for budget or a Retry-After before deferring the rest to the next run. */
        maxWaitSeconds: z.number().min(0).default(120),
      })
      .default({}),
    /** GitHub rejects bodies over 65,536 characters; we keep a margin for edits by people. */
    maxBodyChars: z.number().int().min(2000).max(65536).default(60000),
    maxSamples: z.number().int().min(1).max(3).default(3),
    maxStackFrames: z.number().int().min(1).default(8),
    maxRelated: z.number().int().min(0).default(5),
    /** E-mail addresses are evidence more often than secrets; redact them when the repository is public. */
    redactEmails: z.boolean().default(false),
    /** A lock older than this is considered abandoned by a crashed run. */
    lockTtlSeconds: z.number().int().min(10).default(15 * 60),
  })
  .strict();

export type GithubConfig = z.infer<typeof githubConfigSchema>;
export type GithubConfigInput = z.input<typeof githubConfigSchema>;

export const defaultGithubConfig = (): GithubConfig => githubConfigSchema.parse({});

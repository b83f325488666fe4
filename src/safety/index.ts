// The safety layer: everything that turns untrusted log text into text that is safe to publish in a
// worklog or a GitHub issue. Pure functions, no dependencies.
import { neutralizeMentions } from './mentions.js';
import { redactSecrets } from './redact.js';
import type { RedactOptions } from './redact.js';

export { redactSecrets, redactedMarker, REDACTION_RULES } from './redact.js';
export type { RedactOptions, RedactionRule } from './redact.js';
export { neutralizeMentions, ZWJ } from './mentions.js';
export { fence, inlineCode, escapeMarkdown, escapeHtml } from './markdown.js';
export type { InlineCodeOptions } from './markdown.js';

/**
 * What GitHub issue bodies use for log text: secrets redacted, then mentions and references made
 * inert. Redaction runs first so that neutralizing cannot split a secret the patterns would match.
 * Still needs fence()/inlineCode()/escapeMarkdown() for its place in the document.
 */
export function sanitizeForGithub(text: string, opts: RedactOptions = {}): string {
  return neutralizeMentions(redactSecrets(text, opts));
}

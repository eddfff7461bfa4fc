import { z } from 'zod';

/**
 * A payload that breaks its contract. zod's default messages name the field and the expectation, never the
 * input, so the message is safe to log even for a payload that tried to smuggle a secret in.
 */
export class InvalidJobPayloadError extends Error {
  constructor(
    readonly jobName: string,
    issues: readonly z.core.$ZodIssue[],
  ) {
    super(`invalid ${jobName} payload: ${issues.map(describeIssue).join('; ')}`);
    this.name = 'InvalidJobPayloadError';
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`;
}

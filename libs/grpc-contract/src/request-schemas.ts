import { ConfigurationError, DESTINATION_KINDS, ErrorCode } from '@vault-sync/domain';
import { z } from 'zod';

/**
 * Edge validation of decoded requests. A decoded request carries every field (absent ones as their defaults), so
 * an empty string is "not given". Failures are a `ConfigurationError` whose message names each field at fault,
 * e.g. `type: must be one of aws-sm, ...; secret_name: is required`, and never repeats a value.
 */
const requiredText = z.string().min(1, { error: 'is required' });
const destinationType = z.enum(DESTINATION_KINDS, { error: `must be one of ${DESTINATION_KINDS.join(', ')}` });

export const destinationRefSchema = z.object({ type: destinationType, name: requiredText });

export const listDestinationsRequestSchema = z.object({
  type: z.union([z.literal('').transform(() => undefined), destinationType], { error: `must be empty or one of ${DESTINATION_KINDS.join(', ')}` }),
});

export const deleteDestinationRequestSchema = destinationRefSchema.extend({ purge: z.boolean(), force_delete: z.boolean() });

/** The path rules on `mount` and `secret_name` belong to the API; a server may tighten these fields. */
export const secretRefSchema = z.object({ mount: requiredText, secret_name: requiredText });

export const associationRequestSchema = destinationRefSchema.extend(secretRefSchema.shape);

export const patchConfigRequestSchema = z.object({
  disabled: z.boolean().optional(),
  queue_capacity: z.number().int({ error: 'must be a whole number' }).positive({ error: 'must be at least 1' }).optional(),
});

const describeIssue: z.core.$ZodErrorMap = (issue) => {
  if (issue.code !== 'invalid_type') return undefined;
  return issue.input === undefined ? 'is required' : `must be a ${issue.expected}`;
};

/** @throws ConfigurationError (`invalid_configuration`, field = the first field at fault). */
export function parseRequest<S extends z.ZodType>(schema: S, request: unknown): z.output<S> {
  const result = schema.safeParse(request ?? {}, { error: describeIssue });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || 'request', rule: issue.message }));
  throw new ConfigurationError(
    ErrorCode.InvalidConfiguration,
    problems.map(({ field, rule }) => `${field}: ${rule}`).join('; '),
    problems[0]?.field,
  );
}

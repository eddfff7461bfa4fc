import { z } from 'zod';
import { InvalidRequestError } from './invalid-request.error';

export type RequestPart = 'path' | 'query' | 'body';

const WHAT_UNKNOWN: Readonly<Record<RequestPart, string>> = {
  path: 'unknown path parameter',
  query: 'unknown query parameter',
  body: 'unknown field',
};

const EXPECTED: Readonly<Record<string, string>> = { object: 'a JSON object', array: 'a list' };

/** zod's generic wording, rephrased as rules; schemas give their own messages for everything else. */
const describeIssue: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'is required' : `must be ${EXPECTED[issue.expected] ?? `a ${issue.expected}`}`;
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map(String).join(', ')}`;
  return undefined;
};

/**
 * Validates one part of a request at the edge. Every problem names its field and rule; no message echoes the
 * input, which may be a secret.
 * @throws InvalidRequestError (400)
 */
export function parseRequestInput<S extends z.ZodType>(schema: S, value: unknown, part: RequestPart): z.output<S> {
  const result = schema.safeParse(value, { error: describeIssue });
  if (result.success) return result.data;
  throw new InvalidRequestError(
    result.error.issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${fieldName(part, [...issue.path, key])}: ${WHAT_UNKNOWN[part]}`);
      return [`${fieldName(part, issue.path)}: ${issue.message}`];
    }),
  );
}

function fieldName(part: RequestPart, path: readonly PropertyKey[]): string {
  if (path.length === 0) return part;
  const name = path.map(String).join('.');
  return part === 'query' ? `query parameter ${name}` : name;
}

import { z } from 'zod';
import { ConfigurationProblem, problem } from './destination-configuration-error';

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'must be a string',
  number: 'must be a number',
  boolean: 'must be a boolean',
  array: 'must be a list (JSON array or comma-separated string)',
  object: 'must be a JSON object',
  record: 'must be a JSON object',
};

/**
 * Per-parse error map: zod's default wording for the generic cases, rephrased as our `<field>: <rule>` rules. The
 * schemas give their own messages for everything else; no message includes the input.
 */
export const describeIssue: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'is required' : EXPECTED[issue.expected];
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map(String).join(', ')}`;
  return undefined;
};

export function problemsFromIssues(issues: readonly z.core.$ZodIssue[]): ConfigurationProblem[] {
  return issues.flatMap((issue): ConfigurationProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => problem(pathText([...issue.path, key]), 'unknown field'));
    }
    const field = String(issue.path[0] ?? 'body');
    if (issue.code === 'custom' && issue.params?.['sentence'] === true) return [{ field, message: issue.message }];
    const rule = issue.code === 'invalid_key' ? issue.issues.map((inner) => inner.message).join(', ') : issue.message;
    return [{ field, message: `${pathText(issue.path)}: ${rule}` }];
  });
}

function pathText(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'body' : path.map(String).join('.');
}

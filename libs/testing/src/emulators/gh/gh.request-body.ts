import { EmulatorRequest } from '../core/router';
import { GitHubApiError, invalidRequest } from './gh.errors';

/** GitHub's validator prints values Ruby-style: `nil` for null, JSON otherwise. */
const inspect = (value: unknown): string => (value === null ? 'nil' : Array.isArray(value) ? `[${value.map(inspect).join(', ')}]` : JSON.stringify(value));

/** Ruby prints a regular expression with every slash escaped. */
const inspectPattern = (pattern: RegExp): string => `/${pattern.source.replace(/\\?\//g, '\\/')}/`;

export type FieldRule =
  | { type: 'string'; pattern?: RegExp }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'array'; of: 'integer' | 'string' };

/**
 * Parses a JSON object body and checks it against a small schema, failing with the messages GitHub's request
 * validator gives (spec §4.2): 400 "Problems parsing JSON", then 422 "Invalid request." with the first problem.
 */
export function checkedBody(request: EmulatorRequest, rules: Record<string, FieldRule>, required: string[]): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(request.body.toString('utf8') || 'null');
  } catch {
    throw new GitHubApiError(400, 'Problems parsing JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new GitHubApiError(400, 'Problems parsing JSON');
  const fields = body as Record<string, unknown>;
  const missing = required.filter((name) => fields[name] === undefined);
  if (missing.length === 1) throw invalidRequest(`"${missing[0]}" wasn't supplied.`);
  if (missing.length > 1) throw invalidRequest(`${missing.map((name) => `"${name}"`).join(', ')} weren't supplied.`);
  for (const [name, rule] of Object.entries(rules)) {
    if (fields[name] !== undefined) checkField(name, fields[name], rule);
  }
  return fields;
}

function checkField(name: string, value: unknown, rule: FieldRule): void {
  const where = `For 'properties/${name}', ${inspect(value)}`;
  if (rule.type === 'array') {
    if (!Array.isArray(value)) throw invalidRequest(`${where} is not an array.`);
    const fits = (item: unknown) => (rule.of === 'integer' ? Number.isInteger(item) : typeof item === 'string');
    const odd = value.find((item) => !fits(item));
    if (odd !== undefined) throw invalidRequest(`For 'items', ${inspect(odd)} is not ${rule.of === 'integer' ? 'an integer' : 'a string'}.`);
    return;
  }
  if (typeof value !== 'string') throw invalidRequest(`${where} is not a ${rule.type === 'enum' ? 'string' : rule.type}.`);
  if (rule.type === 'enum' && !rule.values.includes(value)) throw invalidRequest(`${where} is not one of ${inspect([...rule.values])}.`);
  if (rule.type === 'string' && rule.pattern && !rule.pattern.test(value)) throw invalidRequest(`${value} does not match ${inspectPattern(rule.pattern)}.`);
}

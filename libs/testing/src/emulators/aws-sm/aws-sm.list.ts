import { constraintViolation, invalidNextToken } from './aws-sm.errors';
import { checkLength } from './aws-sm.rules';
import { StoredSecret } from './aws-sm.types';

export interface ListFilter {
  Key?: string;
  Values?: string[];
}

export interface ListRequest {
  Filters?: ListFilter[];
  MaxResults?: number;
  NextToken?: string;
  IncludePlannedDeletion?: boolean;
  SortOrder?: string;
}

const FILTER_KEYS = ['description', 'name', 'tag-key', 'tag-value', 'primary-region', 'owning-service', 'all'];
const FILTER_VALUE_PATTERN = /^!?[a-zA-Z0-9 :_@/+=.\-!]*$/;
const MAX_FILTERS = 10;
const MAX_RESULTS = 100;

/** Words as the `all` filter sees them: split at case changes, letter/digit changes and punctuation. */
function words(text: string): string[] {
  return (text.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((w) => w.toLowerCase());
}

function attributes(secret: StoredSecret, key: string): string[] {
  switch (key) {
    case 'name':
      return [secret.name];
    case 'description':
      return secret.description === undefined ? [] : [secret.description.toLowerCase()];
    case 'tag-key':
      return secret.tags.map((t) => t.Key);
    case 'tag-value':
      return secret.tags.map((t) => t.Value);
    case 'primary-region':
      return [secret.primaryRegion];
    case 'owning-service':
      return [];
    default:
      return [secret.name, secret.description ?? '', ...secret.tags.flatMap((t) => [t.Key, t.Value])].flatMap(words);
  }
}

/**
 * One filter (API Filter docs): prefix match, case-sensitive except `description` and `all`; `all` splits
 * the value into words; a leading `!` negates; several values of one filter are alternatives.
 */
function matchesValue(secret: StoredSecret, key: string, rawValue: string): boolean {
  const negated = rawValue.startsWith('!');
  const value = negated ? rawValue.slice(1) : rawValue;
  const candidates = attributes(secret, key);
  const needles = key === 'all' ? words(value) : [key === 'description' ? value.toLowerCase() : value];
  const found = needles.some((needle) => candidates.some((c) => c.startsWith(needle)));
  return negated ? !found : found;
}

function checkRequest(request: ListRequest): void {
  const filters = request.Filters ?? [];
  if (filters.length > MAX_FILTERS) throw constraintViolation('filters', `Member must have length less than or equal to ${MAX_FILTERS}`);
  filters.forEach((filter, i) => {
    if (filter.Key === undefined || !FILTER_KEYS.includes(filter.Key)) {
      throw constraintViolation(`filters.${i + 1}.member.key`, `Member must satisfy enum value set: [${FILTER_KEYS.join(', ')}]`, filter.Key);
    }
    const values = filter.Values ?? [];
    if (values.length < 1 || values.length > MAX_FILTERS) throw constraintViolation(`filters.${i + 1}.member.values`, `Member must have length between 1 and ${MAX_FILTERS}`);
    for (const value of values) {
      checkLength(`filters.${i + 1}.member.values`, value, 0, 512);
      if (!FILTER_VALUE_PATTERN.test(value)) throw constraintViolation(`filters.${i + 1}.member.values`, 'Member must satisfy regular expression pattern: ^\\!?[a-zA-Z0-9 :_@\\/\\+\\=\\.\\-\\!]*$', value);
    }
  });
  const max = request.MaxResults;
  if (max !== undefined && (max < 1 || max > MAX_RESULTS)) {
    throw constraintViolation('maxResults', max < 1 ? 'Member must have value greater than or equal to 1' : `Member must have value less than or equal to ${MAX_RESULTS}`, String(max));
  }
  if (request.SortOrder !== undefined && !['asc', 'desc'].includes(request.SortOrder)) {
    throw constraintViolation('sortOrder', 'Member must satisfy enum value set: [asc, desc]', request.SortOrder);
  }
}

const encodeToken = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString('base64');

function decodeToken(token: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to the service's error
  }
  throw invalidNextToken();
}

/** Filters (all must match), drops secrets pending deletion unless asked, orders by creation, and pages. */
export function listSecrets(secrets: StoredSecret[], request: ListRequest): { page: StoredSecret[]; nextToken?: string } {
  checkRequest(request);
  const filters = request.Filters ?? [];
  const matching = secrets.filter(
    (secret) =>
      (request.IncludePlannedDeletion === true || secret.deletedMs === undefined) &&
      filters.every((f) => (f.Values ?? []).some((value) => matchesValue(secret, f.Key as string, value))),
  );
  if (request.SortOrder === 'desc') matching.reverse();
  const offset = request.NextToken === undefined ? 0 : decodeToken(request.NextToken);
  const end = offset + (request.MaxResults ?? MAX_RESULTS);
  return { page: matching.slice(offset, end), nextToken: end < matching.length ? encodeToken(end) : undefined };
}

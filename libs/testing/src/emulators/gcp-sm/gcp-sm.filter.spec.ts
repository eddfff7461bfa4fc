import { status } from '@grpc/grpc-js';
import { GcpSmError } from './gcp-sm.errors';
import { compileFilter } from './gcp-sm.filter';

const secret = (name: string, labels: Record<string, string> = {}) => ({
  name: `projects/p/secrets/${name}`,
  ...Object.fromEntries(Object.entries(labels).map(([k, v]) => [`labels.${k}`, v])),
});
const ITEMS = [secret('prod-db', { env: 'prod', 'managed-by': 'sync' }), secret('dev-db', { env: 'dev' }), secret('other')];
const select = (filter: string) => ITEMS.filter(compileFilter(filter, ['name', 'labels'], ['labels'])).map((item) => item.name.split('/').at(-1));

describe('gcp-sm list filter', () => {
  it('matches label equality, presence, substrings and negation, AND-ed', () => {
    expect(select('')).toEqual(['prod-db', 'dev-db', 'other']);
    expect(select('labels.managed-by=sync')).toEqual(['prod-db']);
    expect(select('labels:env')).toEqual(['prod-db', 'dev-db']);
    expect(select('labels.env:*')).toEqual(['prod-db', 'dev-db']);
    expect(select('name:db AND labels.env!=prod')).toEqual(['dev-db']);
    expect(select('-labels:env')).toEqual(['other']);
    expect(select('NOT name:db')).toEqual(['other']);
    expect(select('labels.env="dev"')).toEqual(['dev-db']);
  });

  it('refuses unknown fields and unparsable terms with INVALID_ARGUMENT', () => {
    for (const filter of ['colour=red', 'labels.env', 'a=b OR c=d']) {
      expect(() => compileFilter(filter, ['name', 'labels'])).toThrow(GcpSmError);
      try {
        compileFilter(filter, ['name', 'labels']);
      } catch (error) {
        expect((error as GcpSmError).code).toBe(status.INVALID_ARGUMENT);
      }
    }
  });
});

import { awsErrorCode } from './aws-sm.fixtures';
import { ListRequest, listSecrets } from './aws-sm.list';
import { StoredSecret } from './aws-sm.types';

function secret(name: string, extra: Partial<StoredSecret> = {}): StoredSecret {
  return { arn: `arn:aws:secretsmanager:us-east-1:1:secret:${name}-abcdef`, name, region: 'us-east-1', primaryRegion: 'us-east-1', tags: [], versions: [], createdMs: 0, lastChangedMs: 0, replicas: [], ...extra };
}

const SECRETS = [
  secret('vault/App/db', { description: 'Production Database', tags: [{ Key: 'owner', Value: 'team-a' }] }),
  secret('vault/app/cache', { tags: [{ Key: 'Owner', Value: 'team-b' }] }),
  secret('other/credsDatabase'),
  secret('gone', { deletedMs: 1 }),
];

const names = (request: ListRequest) => listSecrets(SECRETS, request).page.map((s) => s.name);

describe('listSecrets', () => {
  it('matches prefixes case-sensitively for name and tag-key, and case-insensitively for description', () => {
    expect(names({ Filters: [{ Key: 'name', Values: ['vault/app'] }] })).toEqual(['vault/app/cache']);
    expect(names({ Filters: [{ Key: 'tag-key', Values: ['owner'] }] })).toEqual(['vault/App/db']);
    expect(names({ Filters: [{ Key: 'tag-value', Values: ['team-'] }] })).toEqual(['vault/App/db', 'vault/app/cache']);
    expect(names({ Filters: [{ Key: 'description', Values: ['production'] }] })).toEqual(['vault/App/db']);
  });

  it('negates with a leading "!", treats values as alternatives and filters as conjunctions', () => {
    expect(names({ Filters: [{ Key: 'name', Values: ['!vault/'] }] })).toEqual(['other/credsDatabase']);
    expect(names({ Filters: [{ Key: 'name', Values: ['other/', 'vault/app'] }] })).toEqual(['vault/app/cache', 'other/credsDatabase']);
    expect(names({ Filters: [{ Key: 'name', Values: ['vault/'] }, { Key: 'tag-value', Values: ['team-b'] }] })).toEqual(['vault/app/cache']);
  });

  it('splits the "all" filter into words and matches any attribute regardless of case', () => {
    expect(names({ Filters: [{ Key: 'all', Values: ['DATABASE'] }] })).toEqual(['vault/App/db', 'other/credsDatabase']);
  });

  it('hides secrets pending deletion unless asked, and pages with a NextToken', () => {
    expect(names({ IncludePlannedDeletion: true })).toContain('gone');
    const first = listSecrets(SECRETS, { MaxResults: 2 });
    expect(first.page.map((s) => s.name)).toEqual(['vault/App/db', 'vault/app/cache']);
    const second = listSecrets(SECRETS, { MaxResults: 2, NextToken: first.nextToken });
    expect(second.page.map((s) => s.name)).toEqual(['other/credsDatabase']);
    expect(second.nextToken).toBeUndefined();
    expect(names({ SortOrder: 'desc' })).toEqual(['other/credsDatabase', 'vault/app/cache', 'vault/App/db']);
  });

  it.each<[string, ListRequest, string]>([
    ['an unknown filter key', { Filters: [{ Key: 'colour', Values: ['x'] }] }, 'ValidationException'],
    ['a filter value with forbidden characters', { Filters: [{ Key: 'name', Values: ['a#b'] }] }, 'ValidationException'],
    ['MaxResults 0', { MaxResults: 0 }, 'ValidationException'],
    ['a forged NextToken', { NextToken: Buffer.from('{"offset":-1}').toString('base64') }, 'InvalidNextTokenException'],
  ])('refuses %s', (_case, request, code) => {
    expect(awsErrorCode(() => listSecrets(SECRETS, request))).toBe(code);
  });
});

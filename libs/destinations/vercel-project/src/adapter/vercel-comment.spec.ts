import { COMMENT_PREFIX, commentFor, marksFromComment } from './vercel-comment';
import { existingEnvOf, holdsKeyIn } from './vercel-existing-env';
import { VercelEnv } from './vercel-env-api';

const MARKS = { destination: 'vercel-project/web', source: 'kv_1234/app/config/API_KEY', owner: 'install-1' };

function env(fields: Partial<VercelEnv>): VercelEnv {
  return { id: 'env1', key: 'API_KEY', type: 'encrypted', target: ['production'], ...fields };
}

describe('ownership marks in the comment', () => {
  it('writes readable marks behind a fixed prefix', () => {
    expect(commentFor(MARKS)).toBe(`${COMMENT_PREFIX}; destination=vercel-project/web; source=kv_1234/app/config/API_KEY; owner=install-1`);
  });

  it('round-trips marks holding separators, spaces and percent signs', () => {
    const awkward = { destination: 'vercel-project/web', source: 'kv_1/a; b=c/100% d', owner: 'x;y=z' };
    expect(marksFromComment(commentFor(awkward))).toEqual(awkward);
  });

  it.each([undefined, '', 'set by the platform team', 'managed by vault-sync-ish; destination=x', `${COMMENT_PREFIX}; source=%E0%A4%A`])(
    'reads no marks from %p',
    (comment) => {
      expect(marksFromComment(comment)).toEqual({});
    },
  );

  it('ignores unknown parts of our format', () => {
    expect(marksFromComment(`${COMMENT_PREFIX}; colour=blue; owner=install-1`)).toEqual({ owner: 'install-1' });
  });
});

describe('the existing object of a key', () => {
  it('counts only records of the key, without git branch, overlapping our targets', () => {
    const targets = ['production', 'preview'] as const;
    expect(holdsKeyIn(env({}), 'API_KEY', targets)).toBe(true);
    expect(holdsKeyIn(env({ target: ['development'] }), 'API_KEY', targets)).toBe(false);
    expect(holdsKeyIn(env({ target: ['preview'], gitBranch: 'feature' }), 'API_KEY', targets)).toBe(false);
    expect(holdsKeyIn(env({ key: 'OTHER' }), 'API_KEY', targets)).toBe(false);
  });

  it('is absent without records, and carries the marks of one record', () => {
    expect(existingEnvOf('API_KEY', [])).toBeUndefined();
    expect(existingEnvOf('API_KEY', [env({ comment: commentFor(MARKS) })])).toMatchObject({ name: 'API_KEY', externalId: 'env1', marks: MARKS, pendingDeletion: false });
  });

  it('has no marks when several records disagree, and puts a marked record first', () => {
    const existing = existingEnvOf('API_KEY', [env({ id: 'foreign', comment: 'hand made' }), env({ id: 'ours', target: ['preview'], comment: commentFor(MARKS) })]);
    expect(existing?.marks).toEqual({});
    expect(existing?.externalId).toBe('ours');
    expect(existing?.vercel.records.map((record) => record.id)).toEqual(['ours', 'foreign']);
  });
});

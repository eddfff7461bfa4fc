import { applyEdit, isValidKey, MAX_VALUE_BYTES, parseCreateEntry } from './vercel-project.rules';
import { EnvFields } from './vercel-project.types';

const entry = (extra: Record<string, unknown> = {}) => ({ key: 'API_KEY', value: 'v', type: 'encrypted', target: ['production'], ...extra });
const errorOf = (checked: ReturnType<typeof parseCreateEntry>) => ('error' in checked ? checked.error : undefined);

describe('Vercel env-var rules', () => {
  it('accepts letters, digits and underscores, not starting with a digit', () => {
    expect(['A', '_X', 'a_b_9', 'NEXT_PUBLIC_URL'].every(isValidKey)).toBe(true);
    expect(['', '9A', 'A-B', 'A.B', 'Ä', 'A B'].some(isValidKey)).toBe(false);
  });

  it('parses a create entry with defaults for the optional fields', () => {
    expect(parseCreateEntry(entry({ target: ['preview', 'preview'], gitBranch: 'feat' }))).toEqual({
      ok: { key: 'API_KEY', value: 'v', type: 'encrypted', target: ['preview'], gitBranch: 'feat', comment: '', customEnvironmentIds: [] },
    });
    expect(parseCreateEntry(entry({ target: undefined, customEnvironmentIds: ['env_c'] }))).toMatchObject({ ok: { target: [], customEnvironmentIds: ['env_c'] } });
  });

  it.each([
    ['a missing type', { type: undefined }, /type/],
    ['an unknown type', { type: 'public' }, /type/],
    ['a bad key', { key: '1ABC' }, /invalid characters/],
    ['an unknown target', { target: ['staging'] }, /target/],
    ['a string target', { target: 'production' }, /target/],
    ['no target and no custom environment', { target: [] }, /at least one/],
    ['a branch outside preview', { target: ['preview', 'production'], gitBranch: 'main' }, /gitBranch/],
    ['a sensitive development variable', { type: 'sensitive', target: ['development'] }, /development/],
    ['a non-string comment', { comment: 5 }, /comment/],
  ])('rejects %s with bad_request', (_name, extra, message) => {
    expect(errorOf(parseCreateEntry(entry(extra)))).toMatchObject({ code: 'bad_request', message: expect.stringMatching(message) });
  });

  it('limits a value to 64 KB of UTF-8', () => {
    expect('ok' in parseCreateEntry(entry({ value: 'x'.repeat(MAX_VALUE_BYTES) }))).toBe(true);
    expect(errorOf(parseCreateEntry(entry({ value: 'é'.repeat(MAX_VALUE_BYTES / 2 + 1) })))).toMatchObject({ code: 'bad_request', key: 'API_KEY' });
  });

  describe('applyEdit', () => {
    const current: EnvFields = { key: 'K', value: 'v', type: 'sensitive', target: ['preview'], gitBranch: 'feat', comment: 'c', customEnvironmentIds: [] };

    it('changes only the fields sent, and clears the branch with null', () => {
      expect(applyEdit(current, { value: 'w', gitBranch: null, target: ['preview', 'production'] })).toEqual({
        ok: { ...current, value: 'w', gitBranch: undefined, target: ['preview', 'production'] },
      });
    });

    it('keeps the combination rules and never turns a sensitive value readable', () => {
      expect(applyEdit(current, { target: ['production'] })).toMatchObject({ error: { code: 'bad_request', message: expect.stringMatching(/gitBranch/) } });
      expect(applyEdit(current, { type: 'plain' })).toMatchObject({ error: { code: 'bad_request', message: expect.stringMatching(/sensitive/) } });
      expect(applyEdit(current, 'nope')).toMatchObject({ error: { code: 'bad_request' } });
    });
  });
});

import { VercelProjectStore } from './vercel-project.store';
import { Caller, EnvFields } from './vercel-project.types';

const actor: Caller = { userId: 'user_1', teamIds: [] };
const fields = (extra: Partial<EnvFields> = {}): EnvFields => ({
  key: 'API_KEY',
  value: 'v1',
  type: 'encrypted',
  target: ['production'],
  comment: '',
  customEnvironmentIds: [],
  ...extra,
});

describe('VercelProjectStore', () => {
  let store: VercelProjectStore;
  beforeEach(() => {
    store = new VercelProjectStore({ tokens: [{ token: 't', teamIds: ['team_a'], userId: 'user_1' }], projects: [{ id: 'prj_1', name: 'web' }, { id: 'prj_2', name: 'web', teamId: 'team_a' }] });
  });

  it('finds a project by id or name only within its owner scope', () => {
    expect(store.findProject('web', undefined)?.id).toBe('prj_1');
    expect(store.findProject('web', 'team_a')?.id).toBe('prj_2');
    expect(store.findProject('prj_2', undefined)).toBeUndefined();
    expect(store.findProject('prj_1', 'team_a')).toBeUndefined();
  });

  it('inserts records with ids, timestamps, author and a ciphertext that is not the value', () => {
    const outcome = store.create('prj_1', fields(), false, actor);
    if (!('ok' in outcome)) throw new Error('expected a record');
    expect(outcome.ok.inserted).toBe(true);
    expect(outcome.ok.record).toMatchObject({ id: expect.stringMatching(/^[A-Za-z0-9]{16}$/), projectId: 'prj_1', createdBy: 'user_1', value: 'v1' });
    expect(outcome.ok.record.createdAt).toBe(outcome.ok.record.updatedAt);
    expect(outcome.ok.record.ciphertext).not.toContain('v1');
  });

  it('answers ENV_ALREADY_EXISTS for the same scope and ENV_CONFLICT for an overlapping one', () => {
    store.create('prj_1', fields({ target: ['production', 'preview'] }), false, actor);
    expect(store.create('prj_1', fields({ target: ['preview', 'production'] }), false, actor)).toMatchObject({ error: { code: 'ENV_ALREADY_EXISTS', key: 'API_KEY' } });
    expect(store.create('prj_1', fields({ target: ['preview'] }), false, actor)).toMatchObject({
      error: { code: 'ENV_CONFLICT', message: 'A variable with the name `API_KEY` already exists for the target preview.' },
    });
    expect(store.create('prj_1', fields({ target: ['preview'] }), true, actor)).toMatchObject({ error: { code: 'ENV_CONFLICT' } });
  });

  it('treats other keys, other targets and other branches as separate records', () => {
    store.create('prj_1', fields({ target: ['preview'] }), false, actor);
    for (const extra of [{ key: 'OTHER' }, { target: ['development' as const] }, { target: ['preview' as const], gitBranch: 'feat' }]) {
      expect('ok' in store.create('prj_1', fields(extra), false, actor)).toBe(true);
    }
    expect('ok' in store.create('prj_2', fields({ target: ['preview'] }), false, actor)).toBe(true);
    expect(store.envsOf('prj_1')).toHaveLength(4);
  });

  it('upserts the value, type and comment of the record with exactly the same scope', () => {
    const first = store.create('prj_1', fields(), false, actor);
    const again = store.create('prj_1', fields({ value: 'v2', type: 'sensitive', comment: 'owned' }), true, { ...actor, userId: 'user_2' });
    if (!('ok' in first && 'ok' in again)) throw new Error('expected records');
    expect(again.ok).toMatchObject({ inserted: false, record: { id: first.ok.record.id, value: 'v2', type: 'sensitive', comment: 'owned', updatedBy: 'user_2', createdBy: 'user_1' } });
    expect(store.envsOf('prj_1')).toHaveLength(1);
  });

  it('edits without clashing with itself but not onto another record', () => {
    const a = store.create('prj_1', fields(), false, actor);
    const b = store.create('prj_1', fields({ target: ['preview'] }), false, actor);
    if (!('ok' in a && 'ok' in b)) throw new Error('expected records');
    expect(store.edit(a.ok.record, fields({ value: 'v9' }), actor)).toMatchObject({ ok: { value: 'v9' } });
    expect(store.edit(b.ok.record, fields({ target: ['production'] }), actor)).toMatchObject({ error: { code: 'ENV_ALREADY_EXISTS', envVarId: a.ok.record.id } });
  });

  it('reset drops variables and control-seeded entries but keeps the initial seed', () => {
    store.create('prj_1', fields(), false, actor);
    store.seed({ tokens: [{ token: 'later' }], projects: [{ name: 'later' }] });
    store.reset();
    expect(store.snapshot()).toMatchObject({ envs: [], projects: [{ id: 'prj_1' }, { id: 'prj_2' }] });
    expect(store.callerFor('later')).toBeUndefined();
    expect(store.callerFor('t')).toEqual({ userId: 'user_1', teamIds: ['team_a'] });
  });
});

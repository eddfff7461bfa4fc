import { ScopeKeyPair, sodiumReady } from './gh.sealed-box';
import { seal } from './gh.test-kit';

describe('ScopeKeyPair', () => {
  beforeAll(() => sodiumReady());

  it('opens what a client sealed to its key', async () => {
    const keys = new ScopeKeyPair();
    const { key_id, key } = keys.view();
    expect(keys.open(key_id, await seal('päss wörd', key))).toEqual({ ok: 'päss wörd' });
  });

  it('calls a box for another key, a short box or garbage undecryptable', async () => {
    const keys = new ScopeKeyPair();
    const other = new ScopeKeyPair();
    const { key_id } = keys.view();
    expect(keys.open(key_id, await seal('x', other.view().key))).toEqual({ error: 'undecryptable' });
    expect(keys.open(key_id, Buffer.alloc(20).toString('base64'))).toEqual({ error: 'undecryptable' });
    expect(keys.open(key_id, Buffer.alloc(64, 1).toString('base64'))).toEqual({ error: 'undecryptable' });
  });

  it('after rotation, refuses the old key_id as stale and opens only boxes for the new key', async () => {
    const keys = new ScopeKeyPair();
    const before = keys.view();
    keys.rotate();
    const after = keys.view();
    expect(after.key_id).not.toBe(before.key_id);
    expect(keys.open(before.key_id, await seal('x', before.key))).toEqual({ error: 'stale-key' });
    expect(keys.open(after.key_id, await seal('x', before.key))).toEqual({ error: 'undecryptable' });
    expect(keys.open(after.key_id, await seal('x', after.key))).toEqual({ ok: 'x' });
  });
});

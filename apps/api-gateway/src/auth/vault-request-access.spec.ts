import { InvalidRequestError } from '../http/invalid-request.error';
import { capabilityFor, isListRequest, vaultPolicyPath, vaultToken } from './vault-request-access';

describe('what a request asks of Vault access', () => {
  it('takes the token from X-Vault-Token, else a Bearer authorization', () => {
    expect(vaultToken({ 'x-vault-token': 'a', authorization: 'Bearer b' })).toBe('a');
    expect(vaultToken({ authorization: 'bearer b' })).toBe('b');
    expect(vaultToken({ authorization: 'Basic b' })).toBeUndefined();
    expect(vaultToken({})).toBeUndefined();
  });

  it('derives the policy path: no /v1/, decoded, a listing ending in /', () => {
    expect(vaultPolicyPath('/v1/sys/sync/destinations/gh/web?x=1', false)).toBe('sys/sync/destinations/gh/web');
    expect(vaultPolicyPath('/v1/sys/sync/destinations/?list=true', true)).toBe('sys/sync/destinations/');
    expect(vaultPolicyPath('/v1/sys/sync/associations/kv/a%20b', false)).toBe('sys/sync/associations/kv/a b');
    expect(() => vaultPolicyPath('/v1/sys/%E0%A4%A', false)).toThrow(InvalidRequestError);
  });

  it('recognises list=true in any of Go\'s spellings', () => {
    expect(isListRequest({ list: 'true' })).toBe(true);
    expect(isListRequest({ list: '1' })).toBe(true);
    expect(isListRequest({ list: 'false' })).toBe(false);
    expect(isListRequest({})).toBe(false);
  });

  it('maps methods to capabilities, a write to create or update by existence', async () => {
    const never = () => Promise.reject(new Error('not a write'));
    expect(capabilityFor('GET', false, never)).toBe('read');
    expect(capabilityFor('GET', true, never)).toBe('list');
    expect(capabilityFor('PATCH', false, never)).toBe('patch');
    expect(capabilityFor('DELETE', false, never)).toBe('delete');
    expect(await capabilityFor('POST', false, async () => false)).toBe('create');
    expect(await capabilityFor('PUT', false, async () => true)).toBe('update');
  });
});

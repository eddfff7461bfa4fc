import { Metadata } from '@grpc/grpc-js';
import { callerToken } from './caller-token';

function metadata(entries: Record<string, string>): Metadata {
  const result = new Metadata();
  for (const [key, value] of Object.entries(entries)) result.set(key, value);
  return result;
}

describe('callerToken', () => {
  it('takes x-vault-token first', () => {
    expect(callerToken(metadata({ 'x-vault-token': 'hvs.one', authorization: 'Bearer hvs.two' }))).toBe('hvs.one');
  });

  it('takes a bearer authorization, whatever the scheme case', () => {
    expect(callerToken(metadata({ authorization: 'Bearer hvs.two' }))).toBe('hvs.two');
    expect(callerToken(metadata({ authorization: 'bearer hvs.two' }))).toBe('hvs.two');
  });

  it('finds none in an empty token, another scheme or no metadata', () => {
    expect(callerToken(metadata({ 'x-vault-token': '' }))).toBeUndefined();
    expect(callerToken(metadata({ authorization: 'Basic dXNlcjpwdw==' }))).toBeUndefined();
    expect(callerToken(new Metadata())).toBeUndefined();
  });

  it('ignores binary metadata', () => {
    const binary = new Metadata();
    binary.set('x-vault-token-bin', Buffer.from('hvs.one'));
    expect(callerToken(binary)).toBeUndefined();
  });
});

import { ErrorCode } from '@vault-sync/domain';
import { Capability } from './capability';
import { createAccessChecker } from './create-access-checker';
import { PermissionDeniedError } from './permission-denied.error';

describe('static tokens', () => {
  const checker = createAccessChecker({ mode: 'static', tokens: ['s3cret-one', 'another-token-of-other-length'] });
  const request = (token: string | undefined, capability: Capability = 'read') => ({ token, path: 'sys/sync/destinations', capability });

  it.each<Capability>(['create', 'read', 'update', 'patch', 'delete', 'list', 'sudo'])('gives a configured token %s', async (capability) => {
    await expect(checker.authorize(request('s3cret-one', capability))).resolves.toBeUndefined();
    await expect(checker.authorize(request('another-token-of-other-length', capability))).resolves.toBeUndefined();
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['unknown', 'not-configured'],
    ['a prefix of a configured token', 's3cret'],
    ['a configured token with extra characters', 's3cret-one '],
    ['a configured token in another case', 'S3CRET-ONE'],
  ])('denies a %s token', async (_, token) => {
    const denial = checker.authorize(request(token));
    await expect(denial).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(denial).rejects.toMatchObject({ code: ErrorCode.PermissionDenied, message: 'permission denied', retryable: false });
  });

  it('denies everyone when no tokens are configured', async () => {
    await expect(createAccessChecker({ mode: 'static', tokens: [] }).authorize(request(''))).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(createAccessChecker({ mode: 'static', tokens: [''] }).authorize(request(''))).rejects.toBeInstanceOf(PermissionDeniedError);
  });
});

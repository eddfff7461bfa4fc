import { ErrorCode, InternalVaultError } from '@vault-sync/domain';
import type { VaultMount } from '@vault-sync/vault-client';
import { VaultMountResolver } from './vault-mount-resolver';

const mounts: VaultMount[] = [
  { path: 'secret/', accessor: 'kv_1', type: 'kv', options: { version: '2' }, isKvV2: true },
  { path: 'pki/', accessor: 'pki_1', type: 'pki', options: null, isKvV2: false },
];

/** The vault client's longest-prefix lookup over a fixed table. */
const vault = {
  resolveMount: async (path: string): Promise<VaultMount> => {
    const mount = mounts.find((candidate) => `${path}/`.startsWith(candidate.path));
    if (mount === undefined) throw new InternalVaultError(ErrorCode.MountNotFound, `no Vault mount serves "${path}"`, { retryable: false });
    return mount;
  },
};

describe('VaultMountResolver', () => {
  const resolver = new VaultMountResolver(vault);

  it('resolves a mount at exactly the path, with its version when it has one', async () => {
    expect(await resolver.resolve('secret')).toEqual({ accessor: 'kv_1', type: 'kv', version: '2' });
    expect(await resolver.resolve('pki')).toEqual({ accessor: 'pki_1', type: 'pki' });
  });

  it('finds nothing for a path inside a mount or no mount at all', async () => {
    expect(await resolver.resolve('secret/app')).toBeUndefined();
    expect(await resolver.resolve('nowhere')).toBeUndefined();
  });

  it('lets other Vault failures through', async () => {
    const failing = new VaultMountResolver({ resolveMount: () => Promise.reject(new InternalVaultError(ErrorCode.VaultUnavailable, 'down')) });
    await expect(failing.resolve('secret')).rejects.toMatchObject({ code: ErrorCode.VaultUnavailable });
  });
});

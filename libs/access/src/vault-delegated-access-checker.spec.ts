import { ErrorCode, InternalVaultError } from '@vault-sync/domain';
import { AccessChecker, AccessRequest } from './access-checker';
import { createAccessChecker } from './create-access-checker';
import { PermissionDeniedError } from './permission-denied.error';
import { CapabilitiesSelfSource } from './vault-delegated-access-checker';

const TOKEN = 'hvs.caller-token';
const PATH = 'sys/sync/destinations/gh/ci-repo/associations/set';

/** Vault's capabilities-self as the checker sees it: policies per token; unknown tokens answer 403. */
class FakeVault implements CapabilitiesSelfSource {
  readonly calls: { token: string; paths: readonly string[] }[] = [];
  policies = new Map<string, Record<string, string[]>>();
  failure: Error | undefined;

  async capabilitiesSelf(token: string, paths: readonly string[]): Promise<Record<string, string[]>> {
    this.calls.push({ token, paths });
    if (this.failure) throw this.failure;
    const policy = this.policies.get(token);
    if (!policy) throw new InternalVaultError(ErrorCode.VaultPermissionDenied, 'Vault denied POST sys/capabilities-self (HTTP 403): permission denied', { retryable: false, statusCode: 403 });
    return Object.fromEntries(paths.map((path) => [path, policy[path] ?? ['deny']]));
  }
}

describe('Vault-delegated access', () => {
  let vault: FakeVault;
  let now: number;
  let checker: AccessChecker;
  const request = (overrides: Partial<AccessRequest> = {}): AccessRequest => ({ token: TOKEN, path: PATH, capability: 'update', ...overrides });

  beforeEach(() => {
    vault = new FakeVault();
    now = 0;
    checker = createAccessChecker({ mode: 'vault' }, { vault, cacheTtlMs: 5_000, now: () => now });
  });

  it('allows a token whose capabilities on the path include the needed one, asking Vault with that token', async () => {
    vault.policies.set(TOKEN, { [PATH]: ['create', 'update'] });
    await expect(checker.authorize(request())).resolves.toBeUndefined();
    expect(vault.calls).toEqual([{ token: TOKEN, paths: [PATH] }]);
  });

  it('denies a token lacking the capability', async () => {
    vault.policies.set(TOKEN, { [PATH]: ['read', 'list'] });
    await expect(checker.authorize(request())).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('allows root for any capability', async () => {
    vault.policies.set(TOKEN, { [PATH]: ['root'] });
    await expect(checker.authorize(request({ capability: 'sudo' }))).resolves.toBeUndefined();
  });

  it('denies when Vault answers deny', async () => {
    vault.policies.set(TOKEN, { [PATH]: ['deny'] });
    await expect(checker.authorize(request({ capability: 'read' }))).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('denies when Vault leaves the path out of its answer', async () => {
    vault.capabilitiesSelf = async () => ({});
    await expect(checker.authorize(request())).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('denies a missing token without asking Vault', async () => {
    await expect(checker.authorize(request({ token: undefined }))).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(checker.authorize(request({ token: '' }))).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(vault.calls).toHaveLength(0);
  });

  it("turns Vault's 403 for an unusable token into a plain denial that does not name the token", async () => {
    const denial = checker.authorize(request());
    await expect(denial).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(denial).rejects.toMatchObject({ code: ErrorCode.PermissionDenied, message: 'permission denied' });
  });

  it('lets a Vault outage through as the InternalVaultError, not a denial, and does not cache it', async () => {
    vault.failure = new InternalVaultError(ErrorCode.VaultUnavailable, 'Vault unreachable for POST sys/capabilities-self: ECONNREFUSED', { retryable: true });
    await expect(checker.authorize(request())).rejects.toBe(vault.failure);
    vault.failure = undefined;
    vault.policies.set(TOKEN, { [PATH]: ['update'] });
    await expect(checker.authorize(request())).resolves.toBeUndefined();
    expect(vault.calls).toHaveLength(2);
  });

  it("reuses Vault's answer for the same token and path within the TTL, for any capability", async () => {
    vault.policies.set(TOKEN, { [PATH]: ['update'] });
    await checker.authorize(request());
    now = 4_999;
    await expect(checker.authorize(request({ capability: 'delete' }))).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(checker.authorize(request())).resolves.toBeUndefined();
    expect(vault.calls).toHaveLength(1);
  });

  it('asks Vault again once the TTL has passed, so a policy change takes effect', async () => {
    vault.policies.set(TOKEN, { [PATH]: ['update'] });
    await checker.authorize(request());
    vault.policies.set(TOKEN, { [PATH]: ['read'] });
    now = 5_000;
    await expect(checker.authorize(request())).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(vault.calls).toHaveLength(2);
  });

  it('caches a 403 denial too, so a bad token cannot hammer Vault', async () => {
    await expect(checker.authorize(request())).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(checker.authorize(request())).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(vault.calls).toHaveLength(1);
  });

  it('keeps answers apart per token and per path', async () => {
    vault.policies.set(TOKEN, { [PATH]: ['update'] });
    vault.policies.set('hvs.other', { [PATH]: ['read'] });
    await expect(checker.authorize(request())).resolves.toBeUndefined();
    await expect(checker.authorize(request({ token: 'hvs.other' }))).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(checker.authorize(request({ path: 'sys/sync/destinations/gh/other' }))).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(vault.calls).toHaveLength(3);
  });

  it('sends one request for concurrent identical checks', async () => {
    vault.policies.set(TOKEN, { [PATH]: ['update'] });
    await Promise.all([checker.authorize(request()), checker.authorize(request()), checker.authorize(request({ capability: 'update' }))]);
    expect(vault.calls).toHaveLength(1);
  });

  it('refuses the vault mode without a Vault client', () => {
    expect(() => createAccessChecker({ mode: 'vault' })).toThrow(expect.objectContaining({ code: ErrorCode.InvalidConfiguration }));
  });
});

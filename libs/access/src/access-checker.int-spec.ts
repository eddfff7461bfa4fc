import { ErrorCode, InternalVaultError } from '@vault-sync/domain';
import { RunningVaultEmulator, startVaultEmulator } from '@vault-sync/testing/emulators/vault';
import { VaultClient } from '@vault-sync/vault-client';
import { AccessChecker } from './access-checker';
import { Capability } from './capability';
import { createAccessChecker } from './create-access-checker';
import { PermissionDeniedError } from './permission-denied.error';

const ROOT = 'hvs.access-int-root';
const SET_PATH = 'sys/sync/destinations/gh/ci-repo/associations/set';
const CAPABILITIES_SELF = 'update sys/capabilities-self';

describe('Vault-delegated access against the Vault emulator', () => {
  let emulator: RunningVaultEmulator;
  let client: VaultClient;
  let checker: AccessChecker;

  /** Writes through the emulator's HTTP API with the root token; returns the parsed JSON body. */
  async function vault(method: string, path: string, body: unknown): Promise<unknown> {
    const response = await fetch(`${emulator.url}/v1/${path}`, {
      method,
      headers: { 'X-Vault-Token': ROOT, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`seeding ${method} ${path} failed: HTTP ${response.status}`);
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  async function tokenWithPolicies(policies: Record<string, string>): Promise<string> {
    for (const [name, policy] of Object.entries(policies)) await vault('PUT', `sys/policies/acl/${name}`, { policy });
    const created = (await vault('POST', 'auth/token/create', { policies: Object.keys(policies) })) as { auth: { client_token: string } };
    return created.auth.client_token;
  }

  const authorize = (token: string | undefined, path: string, capability: Capability) => checker.authorize({ token, path, capability });

  beforeAll(async () => {
    emulator = await startVaultEmulator({ rootToken: ROOT });
    client = VaultClient.create({ address: emulator.url, auth: { method: 'token', token: ROOT }, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } });
  });

  afterAll(async () => {
    client.close();
    await emulator.close();
  });

  beforeEach(async () => {
    await emulator.control.reset();
    // A fresh checker per test: no answer cached by an earlier test.
    checker = createAccessChecker({ mode: 'vault' }, { vault: client });
  });

  it('denies a request without a token, without asking Vault', async () => {
    await expect(authorize(undefined, SET_PATH, 'update')).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(emulator.control.requestCounts()[CAPABILITIES_SELF] ?? 0).toBe(0);
  });

  it('denies a token Vault does not know', async () => {
    const denial = authorize('hvs.not-a-real-token', SET_PATH, 'update');
    await expect(denial).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(denial).rejects.toMatchObject({ code: ErrorCode.PermissionDenied, message: 'permission denied' });
  });

  it('denies a token whose policy on sys/sync/* lacks the capability', async () => {
    const token = await tokenWithPolicies({ 'sync-reader': 'path "sys/sync/*" { capabilities = ["read", "list"] }' });
    await expect(authorize(token, SET_PATH, 'update')).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(authorize(token, 'sys/sync/destinations/gh/ci-repo', 'read')).resolves.toBeUndefined();
  });

  it('allows a token whose policy on sys/sync/* has the capability', async () => {
    const token = await tokenWithPolicies({ 'sync-admin': 'path "sys/sync/*" { capabilities = ["create", "read", "update", "delete", "list"] }' });
    await expect(authorize(token, SET_PATH, 'update')).resolves.toBeUndefined();
    await expect(authorize(token, 'sys/sync/destinations/gh/ci-repo', 'delete')).resolves.toBeUndefined();
  });

  it('allows the root token everything', async () => {
    await expect(authorize(ROOT, SET_PATH, 'sudo')).resolves.toBeUndefined();
  });

  it('denies where another policy of the token says deny, despite a grant', async () => {
    const token = await tokenWithPolicies({
      'sync-admin': 'path "sys/sync/*" { capabilities = ["create", "read", "update", "delete", "list"] }',
      'no-ci-repo': `path "${SET_PATH}" { capabilities = ["deny"] }`,
    });
    await expect(authorize(token, SET_PATH, 'update')).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(authorize(token, 'sys/sync/destinations/gh/other/associations/set', 'update')).resolves.toBeUndefined();
  });

  it('checks read on a KV v2 data path, as association set requires', async () => {
    const token = await tokenWithPolicies({ 'app-reader': 'path "secret/data/app/*" { capabilities = ["read"] }' });
    await expect(authorize(token, 'secret/data/app/db', 'read')).resolves.toBeUndefined();
    await expect(authorize(token, 'secret/data/app/db', 'update')).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(authorize(token, 'secret/data/other/db', 'read')).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('asks Vault once for repeated checks of the same token and path', async () => {
    const token = await tokenWithPolicies({ 'app-reader': 'path "secret/data/app/*" { capabilities = ["read"] }' });
    await Promise.all([authorize(token, 'secret/data/app/db', 'read'), authorize(token, 'secret/data/app/db', 'read')]);
    await authorize(token, 'secret/data/app/db', 'read');
    expect(emulator.control.requestCounts()[CAPABILITIES_SELF]).toBe(1);
  });

  it('reports Vault failing as a retryable InternalVaultError, not a denial', async () => {
    emulator.control.injectFault({ operation: CAPABILITIES_SELF, status: 503 });
    const failure = authorize(ROOT, SET_PATH, 'read');
    await expect(failure).rejects.toBeInstanceOf(InternalVaultError);
    await expect(failure).rejects.toMatchObject({ code: ErrorCode.VaultUnavailable, retryable: true });
    await expect(failure).rejects.not.toBeInstanceOf(PermissionDeniedError);
  });
});

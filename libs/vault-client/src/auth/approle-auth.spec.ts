import { ErrorCode } from '@vault-sync/domain';
import { errorsBody, FakeAnswer, fakeVaultFetch, RecordedCall } from '../__fixtures__/fake-vault-fetch';
import { ManualClock, settle } from '../__fixtures__/manual-clock';
import { VaultClient } from '../vault-client';

const ROLE_ID = 'role-1234';
const SECRET_ID = 'secret-id-5678';
const LEASE_S = 3600;

/**
 * A tiny Vault with AppRole (the emulator has none): `auth/<mount>/login`, `auth/token/renew-self`, and
 * `sys/mounts` to prove which token a call carried.
 */
class FakeAppRoleVault {
  logins = 0;
  renewals = 0;
  loginFails = false;
  renewFails = false;
  /** Lease granted by the next renewals, e.g. cut short by the token's max TTL. */
  renewLeaseS = LEASE_S;
  readonly live = new Set<string>();

  answer = (call: RecordedCall): FakeAnswer => {
    const path = call.url.pathname;
    if (path === '/v1/auth/approle-ci/login') return this.login(call);
    if (path === '/v1/auth/token/renew-self') return this.renew(call);
    if (path === '/v1/sys/mounts') return this.live.has(call.headers['x-vault-token']) ? { status: 200, body: { data: {} } } : { status: 403, body: errorsBody('permission denied') };
    return { status: 404, body: errorsBody() };
  };

  private login(call: RecordedCall): FakeAnswer {
    this.logins += 1;
    if (this.loginFails) return { status: 400, body: errorsBody(`invalid secret id ${SECRET_ID}`) };
    if (JSON.stringify(call.body) !== JSON.stringify({ role_id: ROLE_ID, secret_id: SECRET_ID })) return { status: 400, body: errorsBody('bad body') };
    const token = `hvs.login-${this.logins}`;
    this.live.add(token);
    return { status: 200, body: { auth: { client_token: token, accessor: 'a', lease_duration: LEASE_S, renewable: true, policies: ['sync'] } } };
  }

  private renew(call: RecordedCall): FakeAnswer {
    this.renewals += 1;
    const token = call.headers['x-vault-token'];
    if (this.renewFails || !this.live.has(token)) return { status: 403, body: errorsBody('permission denied') };
    return { status: 200, body: { auth: { client_token: token, lease_duration: this.renewLeaseS, renewable: true } } };
  }
}

function setUp() {
  const vault = new FakeAppRoleVault();
  const { fetch, calls } = fakeVaultFetch(vault.answer);
  const clock = new ManualClock();
  const warnings: string[] = [];
  const logger = { warn: (_fields: object, message: string) => void warnings.push(message), info: () => undefined } as never;
  const client = VaultClient.create(
    { address: 'http://vault.test', auth: { method: 'approle', roleId: ROLE_ID, secretId: SECRET_ID, mountPath: 'approle-ci' }, retry: { maxAttempts: 1 } },
    { fetch, clock, logger },
  );
  const tokensUsed = () => calls.filter((call) => call.url.pathname === '/v1/sys/mounts').map((call) => call.headers['x-vault-token']);
  return { vault, clock, client, calls, warnings, tokensUsed };
}

const TWO_THIRDS_MS = (LEASE_S * 1000 * 2) / 3;

describe('AppRole auth', () => {
  it('logs in on first use, not before, and uses the token it got', async () => {
    const { vault, client, tokensUsed } = setUp();
    expect(vault.logins).toBe(0);
    await client.listMounts();
    expect(vault.logins).toBe(1);
    expect(tokensUsed()).toEqual(['hvs.login-1']);
    client.close();
  });

  it('shares one login between concurrent first calls', async () => {
    const { vault, client } = setUp();
    await Promise.all([client.listMounts(), client.readMetadata('secret', 'a'), client.listSecrets('secret')]);
    expect(vault.logins).toBe(1);
    client.close();
  });

  it('renews the same token at two thirds of its lease, and again after each renewal', async () => {
    const { vault, clock, client, tokensUsed } = setUp();
    await client.listMounts();
    expect(clock.pendingInMs()).toEqual([TWO_THIRDS_MS]);
    await clock.advance(TWO_THIRDS_MS - 1);
    expect(vault.renewals).toBe(0);
    await clock.advance(1);
    expect(vault.renewals).toBe(1);
    expect(clock.pendingInMs()).toEqual([TWO_THIRDS_MS]);
    await clock.advance(TWO_THIRDS_MS);
    expect(vault.renewals).toBe(2);
    await client.listMounts();
    expect(vault.logins).toBe(1);
    expect(tokensUsed()).toEqual(['hvs.login-1', 'hvs.login-1']);
    client.close();
  });

  it('logs in again when renewal fails', async () => {
    const { vault, clock, client, tokensUsed, warnings } = setUp();
    await client.listMounts();
    vault.renewFails = true;
    await clock.advance(TWO_THIRDS_MS);
    expect(vault.logins).toBe(2);
    await client.listMounts();
    expect(tokensUsed()).toEqual(['hvs.login-1', 'hvs.login-2']);
    expect(warnings).toEqual(['Vault token renewal failed; logging in again']);
    client.close();
  });

  it('logs in again instead of renewing once the max TTL cuts the lease short', async () => {
    const { vault, clock, client } = setUp();
    await client.listMounts();
    vault.renewLeaseS = 600;
    await clock.advance(TWO_THIRDS_MS);
    expect(vault.renewals).toBe(1);
    expect(clock.pendingInMs()).toEqual([400_000]);
    await clock.advance(400_000);
    expect(vault.renewals).toBe(1);
    expect(vault.logins).toBe(2);
    client.close();
  });

  it('keeps retrying a failed background login without leaking the secret id', async () => {
    const { vault, clock, client, warnings } = setUp();
    await client.listMounts();
    vault.renewFails = true;
    vault.loginFails = true;
    await clock.advance(TWO_THIRDS_MS);
    expect(vault.logins).toBe(2);
    expect(warnings).toEqual(['Vault token renewal failed; logging in again', 'Vault AppRole login failed']);
    // The old token has a third of its lease left: retry at a third of that, capped at a minute.
    expect(clock.pendingInMs()).toEqual([60_000]);
    vault.loginFails = false;
    await clock.advance(60_000);
    expect(vault.logins).toBe(3);
    client.close();
  });

  it('fails a first login with a non-retryable error that does not echo the credentials', async () => {
    const { vault, client } = setUp();
    vault.loginFails = true;
    const err = await client.listMounts().then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({ code: ErrorCode.InvalidConfiguration, retryable: false, statusCode: 400 });
    expect((err as Error).message).not.toContain(SECRET_ID);
    expect((err as Error).message).toContain('[redacted]');
    client.close();
  });

  it('never hands out a token past its lease, even if the renewal timer did not run', async () => {
    const { vault, clock, client, tokensUsed } = setUp();
    await client.listMounts();
    clock.jump(LEASE_S * 1000);
    await client.listMounts();
    expect(vault.logins).toBe(2);
    expect(tokensUsed()).toEqual(['hvs.login-1', 'hvs.login-2']);
    client.close();
  });

  it('stops renewing once closed', async () => {
    const { vault, clock, client } = setUp();
    await client.listMounts();
    client.close();
    expect(clock.pendingInMs()).toEqual([]);
    await clock.advance(LEASE_S * 1000);
    await settle();
    expect(vault.renewals).toBe(0);
  });

  it('reports a missing AppRole mount as mount_not_found', async () => {
    const { fetch } = fakeVaultFetch(() => ({ status: 404, body: errorsBody('no handler for route "auth/approle/login". route entry not found.') }));
    const client = VaultClient.create({ address: 'http://vault.test', auth: { method: 'approle', roleId: ROLE_ID, secretId: SECRET_ID } }, { fetch, clock: new ManualClock() });
    await expect(client.listMounts()).rejects.toMatchObject({ code: ErrorCode.MountNotFound, message: expect.stringContaining('no AppRole auth mount at "auth/approle"') });
  });
});

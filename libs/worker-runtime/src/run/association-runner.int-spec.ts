import { ClientSideError, DestinationRef, ErrorCode, ExternalServiceError, SyncStatus } from '@vault-sync/domain';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { RunningVaultEmulator, startVaultEmulator } from '@vault-sync/testing/emulators/vault';
import { InMemoryDestination } from '../__fixtures__/in-memory-destination';
import { WorkerHarness } from '../__fixtures__/worker-harness';

describe('association runs (Redis, Vault emulator, in-memory destination)', () => {
  let redis: TestRedis;
  let vault: RunningVaultEmulator;
  let harness: WorkerHarness;
  const aws = new InMemoryDestination();
  const gh = new InMemoryDestination(false);
  const awsRef: DestinationRef = { type: 'aws-sm', name: 'prod' };
  const adoptingRef: DestinationRef = { type: 'aws-sm', name: 'adopting' };
  const ghRef: DestinationRef = { type: 'gh', name: 'ci' };
  const CREDENTIAL = 'AKIA-CREDENTIAL-CANARY';

  beforeAll(async () => {
    redis = await createTestRedis();
    vault = await startVaultEmulator();
    harness = await WorkerHarness.create({ redisUrl: redis.url, prefix: redis.prefix, vaultUrl: vault.url, vaultToken: vault.rootToken });
    await harness.createDestination(awsRef, {}, { secret_access_key: CREDENTIAL });
    await harness.createDestination(adoptingRef, { adoptExisting: true });
    await harness.createDestination(ghRef);
    await harness.startWorker({ adapters: aws.factory('aws-sm'), retry: { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 4 } });
    await harness.startWorker({ adapters: gh.factory('gh') });
  });

  afterAll(async () => {
    await harness.close();
    await vault.close();
    await redis.cleanup();
  });

  const SETTLED: readonly SyncStatus[] = [SyncStatus.Synced, SyncStatus.Unsynced, SyncStatus.ClientSideError, SyncStatus.ExternalServiceError, SyncStatus.InternalVaultError];
  const settled = (id: string) => harness.until(() => harness.association(id), (association) => association !== undefined && SETTLED.includes(association.status));

  it('writes a new secret, then updates it, and records the ledger; credentials arrive decrypted', async () => {
    await harness.writeSecret('app/db', { user: 'app', password: 'pw-1' });
    const id = await harness.associate(awsRef, 'app/db');
    expect(await settled(id)).toMatchObject({ status: SyncStatus.Synced, syncedVersion: 1, externalName: 'vault/app/db' });
    expect(aws.objects.get('vault/app/db')).toMatchObject({
      value: '{"password":"pw-1","user":"app"}',
      marks: { destination: 'aws-sm/prod', source: `${harness.accessor}/app/db` },
    });
    expect(aws.credentialsSeen).toContainEqual({ secret_access_key: CREDENTIAL });

    await harness.writeSecret('app/db', { user: 'app', password: 'pw-2' });
    await harness.queueSync(id, 2);
    await harness.until(() => harness.association(id), (a) => a?.status === SyncStatus.Synced && a.syncedVersion === 2);
    expect(aws.objects.get('vault/app/db')?.value).toBe('{"password":"pw-2","user":"app"}');
    expect(await harness.ledger.get(awsRef, 'vault/app/db')).toMatchObject({ vaultVersion: 2, source: { secretPath: 'app/db' } });
  });

  it('skips an unchanged value without writing to the destination', async () => {
    await harness.writeSecret('app/cache', { url: 'redis://cache' });
    const id = await harness.associate(awsRef, 'app/cache');
    await settled(id);
    const writes = aws.count('write');
    await harness.writeSecret('app/cache', { url: 'redis://cache' }); // same value, new version
    await harness.queueSync(id);
    const after = await harness.until(() => harness.association(id), (a) => a?.status === SyncStatus.Synced && a.syncedVersion === 2);
    expect(after?.syncedVersion).toBe(2);
    expect(aws.count('write')).toBe(writes);
    expect(await harness.ledger.get(awsRef, 'vault/app/cache')).toMatchObject({ vaultVersion: 2 });
  });

  it('syncs each key under secret-key granularity, and unsyncs a key that disappeared', async () => {
    await harness.writeSecret('ci/tokens', { npm: 'npm-1', pypi: 'pypi-1' });
    const id = await harness.associate(ghRef, 'ci/tokens');
    const first = await settled(id);
    expect(first?.status).toBe(SyncStatus.Synced);
    expect(Object.keys(first?.subKeys ?? {}).sort()).toEqual(['npm', 'pypi']);
    expect(first?.subKeys['npm']).toMatchObject({ status: SyncStatus.Synced, externalName: 'VAULT_CI_TOKENS_NPM' });
    expect(gh.objects.get('VAULT_CI_TOKENS_PYPI')?.value).toBe('pypi-1');

    await harness.writeSecret('ci/tokens', { npm: 'npm-2' });
    await harness.queueSync(id);
    const second = await harness.until(() => harness.association(id), (a) => a?.status === SyncStatus.Synced && a.syncedVersion === 2);
    expect(Object.keys(second?.subKeys ?? {})).toEqual(['npm']);
    expect(gh.objects.has('VAULT_CI_TOKENS_PYPI')).toBe(false);
    expect(gh.objects.get('VAULT_CI_TOKENS_NPM')?.value).toBe('npm-2');
    expect(await harness.ledger.get(ghRef, 'VAULT_CI_TOKENS_PYPI')).toBeUndefined();
  });

  it('unsyncs a secret deleted in Vault and keeps the association UNSYNCED', async () => {
    await harness.writeSecret('ci/deploy', { key: 'k1', host: 'h1' });
    const id = await harness.associate(ghRef, 'ci/deploy');
    await settled(id);
    await harness.deleteSecret('ci/deploy');
    await harness.queueSync(id);
    const after = await harness.until(() => harness.association(id), (a) => a?.status === SyncStatus.Unsynced);
    expect(Object.values(after?.subKeys ?? {}).map((entry) => entry.status)).toEqual([SyncStatus.Unsynced, SyncStatus.Unsynced]);
    expect([...gh.objects.keys()].filter((name) => name.startsWith('VAULT_CI_DEPLOY'))).toEqual([]);
    expect(after?.syncedVersion).toBeUndefined();
  });

  it('refuses to overwrite an object it does not own, once, without a retry storm', async () => {
    aws.plant('vault/app/foreign', 'somebody else’s value');
    await harness.writeSecret('app/foreign', { a: 'b' });
    const id = await harness.associate(awsRef, 'app/foreign');
    const failed = await settled(id);
    expect(failed).toMatchObject({ status: SyncStatus.ClientSideError, lastError: { code: ErrorCode.NotOwned } });
    expect(failed?.lastError?.message).toContain('"vault/app/foreign"');
    await new Promise((resolve) => setTimeout(resolve, 300)); // far longer than the retry backoff
    expect(aws.calls.filter((call) => call.name === 'vault/app/foreign')).toEqual([{ op: 'inspect', name: 'vault/app/foreign' }]);
    expect(aws.objects.get('vault/app/foreign')?.value).toBe('somebody else’s value');
  });

  it('adopts an existing object when the destination allows it', async () => {
    aws.plant('vault/app/adopted', 'legacy');
    await harness.writeSecret('app/adopted', { a: 'new' });
    const id = await harness.associate(adoptingRef, 'app/adopted');
    expect((await settled(id))?.status).toBe(SyncStatus.Synced);
    expect(aws.objects.get('vault/app/adopted')).toMatchObject({ value: '{"a":"new"}', marks: { destination: 'aws-sm/adopting' } });
  });

  it('retries a transient failure and then succeeds', async () => {
    aws.failNext('write', 'vault/app/flaky', new ExternalServiceError(ErrorCode.DestinationUnavailable, 'InternalServiceError', { statusCode: 500 }), 2);
    await harness.writeSecret('app/flaky', { v: '1' });
    const id = await harness.associate(awsRef, 'app/flaky');
    const done = await harness.until(() => harness.association(id), (a) => a?.status === SyncStatus.Synced);
    expect(done?.attempts).toBe(3);
    expect(aws.calls.filter((call) => call.op === 'write' && call.name === 'vault/app/flaky')).toHaveLength(3);
  });

  it('stops after the configured attempts with the last error, its status code and request id', async () => {
    const outage = new ExternalServiceError(ErrorCode.DestinationUnavailable, 'ServiceUnavailable', { statusCode: 503, requestId: 'req-42' });
    aws.failNext('write', 'vault/app/down', outage, 4);
    await harness.writeSecret('app/down', { v: '1' });
    const id = await harness.associate(awsRef, 'app/down');
    const failed = await harness.until(() => harness.association(id), (a) => a?.status === SyncStatus.ExternalServiceError && a.attempts === 4);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(aws.calls.filter((call) => call.op === 'write' && call.name === 'vault/app/down')).toHaveLength(4);
    expect(failed?.lastError).toEqual({ failureClass: 'EXTERNAL_SERVICE_ERROR', code: ErrorCode.DestinationUnavailable, message: 'ServiceUnavailable', statusCode: 503, requestId: 'req-42' });
  });

  it('keeps secret values out of the stored error and the logs when a write fails unclassified', async () => {
    const value = 'VALUE-CANARY-7f3a';
    aws.failNext('write', 'vault/app/leaky', new Error(`request failed: {"SecretString":"${value}"}`), 4);
    await harness.writeSecret('app/leaky', { token: value });
    const id = await harness.associate(awsRef, 'app/leaky');
    const failed = await harness.until(() => harness.association(id), (a) => a?.status === SyncStatus.ExternalServiceError && a.attempts === 4);
    expect(JSON.stringify(failed)).not.toContain(value);
    expect(failed?.lastError?.message).toContain('unclassified Error');
    expect(harness.logger.lines.some((line) => line.includes('vault/app/leaky'))).toBe(true);
    expect(harness.logger.lines.filter((line) => line.includes(value) || line.includes(CREDENTIAL))).toEqual([]);
  });

  it('deletes the object and then the association after associations/remove', async () => {
    await harness.writeSecret('app/old', { v: '1' });
    const id = await harness.associate(awsRef, 'app/old');
    await settled(id);
    await harness.queueRemoval(id);
    await harness.until(() => harness.association(id), (a) => a === undefined);
    expect(aws.objects.has('vault/app/old')).toBe(false);
    expect(await harness.ledger.get(awsRef, 'vault/app/old')).toBeUndefined();
  });

  it('leaves an object whose marks now name another source when unsyncing, and says so', async () => {
    await harness.writeSecret('app/retagged', { v: '1' });
    const id = await harness.associate(awsRef, 'app/retagged');
    await settled(id);
    const object = aws.objects.get('vault/app/retagged');
    if (object === undefined) throw new Error('the object was not written');
    aws.objects.set('vault/app/retagged', { ...object, marks: { ...object.marks, source: 'kv_other/elsewhere' } });
    await harness.deleteSecret('app/retagged');
    await harness.queueSync(id);
    await harness.until(() => harness.association(id), (a) => a?.status === SyncStatus.Unsynced);
    expect(aws.objects.has('vault/app/retagged')).toBe(true);
    expect(aws.calls.filter((call) => call.op === 'remove' && call.name === 'vault/app/retagged')).toEqual([]);
    expect(harness.logger.lines.some((line) => line.includes('does not own') && line.includes('vault/app/retagged'))).toBe(true);
  });

  it('purges a destination: unsyncs every association, then deletes the destination', async () => {
    const purgedRef: DestinationRef = { type: 'aws-sm', name: 'purged' };
    await harness.createDestination(purgedRef);
    await harness.writeSecret('purge/a', { v: 'a' });
    await harness.writeSecret('purge/b', { v: 'b' });
    await Promise.all(['purge/a', 'purge/b'].map(async (path) => settled(await harness.associate(purgedRef, path))));
    expect(aws.objects.has('vault/purge/a')).toBe(true);
    expect(await harness.purges.start(purgedRef)).toBe('pending');
    await harness.until(() => harness.destinations.getMasked(purgedRef), (destination) => destination === undefined);
    expect(aws.objects.has('vault/purge/a') || aws.objects.has('vault/purge/b')).toBe(false);
    await harness.producer.enqueuePurge(purgedRef); // a late purge check of a destination already gone is harmless
    await harness.until(async () => harness.logger.lines.some((line) => line.includes('"purge checked"') && line.includes('"absent"')), (seen) => seen);
  });

  it('records a non-retryable destination error without retrying it', async () => {
    aws.failNext('inspect', 'vault/app/denied', new ClientSideError(ErrorCode.DestinationPermissionDenied, 'AccessDeniedException', { statusCode: 400 }));
    await harness.writeSecret('app/denied', { v: '1' });
    const id = await harness.associate(awsRef, 'app/denied');
    expect(await settled(id)).toMatchObject({ status: SyncStatus.ClientSideError, attempts: 1, lastError: { code: ErrorCode.DestinationPermissionDenied } });
  });
});

import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { status } from '@grpc/grpc-js';
import { automatic, failureOf, PARENT, secretManagerClient } from './gcp-sm.fixtures';
import { RunningGcpSmEmulator, startGcpSmEmulator } from '.';

describe('gcp-sm emulator: secrets through SecretManagerServiceClient', () => {
  let emulator: RunningGcpSmEmulator;
  let client: SecretManagerServiceClient;

  beforeAll(async () => {
    emulator = await startGcpSmEmulator();
    client = secretManagerClient(emulator);
  });
  afterEach(() => emulator.control.reset());
  afterAll(async () => {
    await client.close();
    await emulator.close();
  });

  const create = (secretId: string, secret: Record<string, unknown> = { replication: automatic }) => client.createSecret({ parent: PARENT, secretId, secret });

  it('creates a secret with automatic replication, labels and annotations, and reads it back', async () => {
    const [created] = await create('db-password', { replication: automatic, labels: { 'managed-by': 'vault-sync' }, annotations: { 'vault.path': 'kv/Data/DB' } });
    expect(created).toMatchObject({
      name: 'projects/p1/secrets/db-password',
      replication: { automatic: {} },
      labels: { 'managed-by': 'vault-sync' },
      annotations: { 'vault.path': 'kv/Data/DB' },
    });
    expect(created.etag).toMatch(/^"[0-9a-f]+"$/);
    expect(Number(created.createTime?.seconds)).toBeGreaterThan(0);

    const [fetched] = await client.getSecret({ name: 'projects/p1/secrets/db-password' });
    expect(fetched).toMatchObject({ name: created.name, etag: created.etag, labels: { 'managed-by': 'vault-sync' } });
  });

  it('creates a secret with user-managed replicas', async () => {
    const replication = { userManaged: { replicas: [{ location: 'us-east1' }, { location: 'europe-west1' }] } };
    const [created] = await create('replicated', { replication });
    expect(created.replication?.userManaged?.replicas?.map((r) => r.location)).toEqual(['us-east1', 'europe-west1']);
    expect(emulator.control.state()).toMatchObject({ secrets: [{ name: 'projects/p1/secrets/replicated', replication }] });
  });

  it('answers a duplicate create with ALREADY_EXISTS (6), and allows the ID again at once after delete', async () => {
    await create('dup');
    const duplicate = await failureOf(create('dup'));
    expect(duplicate).toMatchObject({ code: status.ALREADY_EXISTS, details: 'Secret [projects/p1/secrets/dup] already exists.' });
    expect(duplicate.message).toBe('6 ALREADY_EXISTS: Secret [projects/p1/secrets/dup] already exists.');

    await client.deleteSecret({ name: 'projects/p1/secrets/dup' });
    await expect(create('dup')).resolves.toBeDefined();
  });

  it('answers a missing secret with NOT_FOUND (5)', async () => {
    const missing = await failureOf(client.getSecret({ name: 'projects/p1/secrets/nope' }));
    expect(missing).toMatchObject({ code: status.NOT_FOUND, details: 'Secret [projects/p1/secrets/nope] not found.' });
  });

  it('rejects bad secret IDs, malformed names, bad labels and missing replication with INVALID_ARGUMENT (3)', async () => {
    const badId = await failureOf(create('has.dot'));
    expect(badId).toMatchObject({ code: status.INVALID_ARGUMENT, details: expect.stringContaining('[has.dot]') });
    await expect(failureOf(create('x'.repeat(256)))).resolves.toMatchObject({ code: status.INVALID_ARGUMENT });

    const malformed = await failureOf(client.getSecret({ name: 'projects/p1/secrets/10.0.0.1' }));
    expect(malformed.details).toBe('The provided Secret ID [projects/p1/secrets/10.0.0.1] does not match the expected format [projects/*/secrets/*]');

    const upperKey = await failureOf(create('l1', { replication: automatic, labels: { Owner: 'x' } }));
    expect(upperKey).toMatchObject({ code: status.INVALID_ARGUMENT, details: expect.stringContaining('character "O" at position 0') });
    const badValue = await failureOf(create('l2', { replication: automatic, labels: { entity: 'bot@example' } }));
    expect(badValue.details).toContain('Invalid field "labels.entity"; value "bot@example"');

    const noReplication = await failureOf(create('r1', {}));
    expect(noReplication).toMatchObject({ code: status.INVALID_ARGUMENT, details: 'Secret.replication must be specified.' });
    expect(emulator.control.state()).toMatchObject({ secrets: [] });
  });

  it('updates labels and annotations through update_mask, leaving unmasked fields alone', async () => {
    const [created] = await create('meta', { replication: automatic, labels: { a: '1' }, annotations: { keep: 'me' } });
    const [updated] = await client.updateSecret({ secret: { name: created.name, labels: { b: '2' }, annotations: { ignored: 'x' } }, updateMask: { paths: ['labels'] } });
    expect(updated).toMatchObject({ labels: { b: '2' }, annotations: { keep: 'me' } });
    expect(updated.etag).not.toBe(created.etag);

    const noMask = await failureOf(client.updateSecret({ secret: { name: created.name, labels: {} } }));
    expect(noMask.code).toBe(status.INVALID_ARGUMENT);
    const immutable = await failureOf(client.updateSecret({ secret: { name: created.name, replication: automatic }, updateMask: { paths: ['replication'] } }));
    expect(immutable.code).toBe(status.INVALID_ARGUMENT);
  });

  it('checks etags on update and delete: a stale one fails with FAILED_PRECONDITION (9)', async () => {
    const [created] = await create('etagged');
    const [updated] = await client.updateSecret({ secret: { name: created.name, labels: { v: '2' }, etag: created.etag }, updateMask: { paths: ['labels'] } });

    const staleUpdate = await failureOf(client.updateSecret({ secret: { name: created.name, labels: { v: '3' }, etag: created.etag }, updateMask: { paths: ['labels'] } }));
    expect(staleUpdate.code).toBe(status.FAILED_PRECONDITION);
    const staleDelete = await failureOf(client.deleteSecret({ name: created.name, etag: created.etag }));
    expect(staleDelete).toMatchObject({ code: status.FAILED_PRECONDITION, details: expect.stringContaining('etag') });
    expect(emulator.control.state()).toMatchObject({ secrets: [{ name: created.name, labels: { v: '2' } }] });

    await client.deleteSecret({ name: created.name, etag: updated.etag });
    expect(emulator.control.state()).toMatchObject({ secrets: [] });
  });

  it('lists secrets, filtered by label and paged', async () => {
    await create('s1', { replication: automatic, labels: { 'managed-by': 'sync' } });
    await create('s2', { replication: automatic });
    await create('s3', { replication: automatic, labels: { 'managed-by': 'sync' } });

    const [all] = await client.listSecrets({ parent: PARENT });
    expect(all.map((s) => s.name)).toEqual(['projects/p1/secrets/s1', 'projects/p1/secrets/s2', 'projects/p1/secrets/s3']);
    const [managed] = await client.listSecrets({ parent: PARENT, filter: 'labels.managed-by=sync' });
    expect(managed.map((s) => s.name)).toEqual(['projects/p1/secrets/s1', 'projects/p1/secrets/s3']);

    const [page, next, raw] = await client.listSecrets({ parent: PARENT, pageSize: 2 }, { autoPaginate: false });
    expect(page).toHaveLength(2);
    expect(raw).toMatchObject({ totalSize: 3 });
    const [rest] = await client.listSecrets({ ...next, parent: PARENT }, { autoPaginate: false });
    expect(rest.map((s) => s.name)).toEqual(['projects/p1/secrets/s3']);
    const [otherProject] = await client.listSecrets({ parent: 'projects/p2' });
    expect(otherProject).toEqual([]);
  });

  it('keeps regional secrets apart and refuses replication on them', async () => {
    const regionalParent = 'projects/p1/locations/us-central1';
    const withReplication = await failureOf(client.createSecret({ parent: regionalParent, secretId: 'reg', secret: { replication: automatic } }));
    expect(withReplication).toMatchObject({ code: status.INVALID_ARGUMENT, details: 'Secret.replication should not be provided.' });
    const [regional] = await client.createSecret({ parent: regionalParent, secretId: 'reg', secret: {} });
    expect(regional.name).toBe('projects/p1/locations/us-central1/secrets/reg');
    const [global] = await client.listSecrets({ parent: PARENT });
    expect(global).toEqual([]);
  });
});

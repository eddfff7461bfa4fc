import { vaultSyncFailureOf } from '@vault-sync/testing';
import { ClientSideError, DestinationAdapter, ErrorCode } from '@vault-sync/domain';
import { MAX_SECRET_VALUE_BYTES, RunningGhEmulator, startGhEmulator } from '@vault-sync/testing/emulators/gh';
import { desiredObject, EMULATOR_SEED, ENVIRONMENT, ghDestination, inspected, organizationDestination, OWNER, REPOSITORY } from './__fixtures__/gh-destinations';
import { GhAdapterFactory } from './gh-adapter-factory';

interface StateSecret {
  name: string;
  value: string;
  visibility?: string;
  selectedRepositoryIds?: number[];
}
interface StateRepository {
  name: string;
  id: number;
  secrets: StateSecret[];
  environments: { name: string; secrets: StateSecret[] }[];
}
interface EmulatorState {
  repositories: StateRepository[];
  organizations: { login: string; secrets: StateSecret[] }[];
}

describe('gh adapter: secret lifecycle against the emulator', () => {
  let emulator: RunningGhEmulator;
  let factory: GhAdapterFactory;
  const adapters: DestinationAdapter[] = [];

  beforeAll(async () => {
    emulator = await startGhEmulator(EMULATOR_SEED);
  });
  beforeEach(() => {
    factory = new GhAdapterFactory({ apiBaseUrl: emulator.url });
  });
  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((adapter) => adapter.close()));
    emulator.control.reset();
  });
  afterAll(() => emulator.close());

  function adapterFor(destination = ghDestination('ci-repo')) {
    const adapter = factory.create(destination);
    adapters.push(adapter);
    return { destination, adapter };
  }

  const state = () => emulator.control.state() as EmulatorState;
  const repository = (name = REPOSITORY) => state().repositories.find((r) => r.name === name) as StateRepository;
  const repositorySecrets = () => repository().secrets;
  const environmentSecrets = () => repository().environments.find((e) => e.name === ENVIRONMENT)?.secrets;
  const organizationSecrets = () => state().organizations.find((o) => o.login === OWNER)?.secrets;

  it('creates a repository secret sealed with the repository key, inspects it back without marks, and updates it', async () => {
    const { destination, adapter } = adapterFor();
    expect(await adapter.inspect('VAULT_KV_1234_APP')).toBeUndefined();

    expect(await adapter.write(desiredObject(destination, 'VAULT_KV_1234_APP', 'p1'), undefined)).toEqual({ created: true });
    expect(repositorySecrets()).toEqual([expect.objectContaining({ name: 'VAULT_KV_1234_APP', value: 'p1' })]);
    const existing = await adapter.inspect('VAULT_KV_1234_APP');
    expect(existing).toEqual({ name: 'VAULT_KV_1234_APP', pendingDeletion: false });
    expect(existing?.marks).toBeUndefined();

    expect(await adapter.write(desiredObject(destination, 'VAULT_KV_1234_APP', 'p2 ünïcode'), existing)).toEqual({ created: false });
    expect(repositorySecrets()).toEqual([expect.objectContaining({ value: 'p2 ünïcode' })]);
  });

  it('removes a secret, and treats one that is already gone as removed', async () => {
    const { destination, adapter } = adapterFor();
    await adapter.write(desiredObject(destination, 'GONE_SOON', 'v'), undefined);
    const existing = await inspected(adapter, 'GONE_SOON');

    await adapter.remove(existing);
    expect(repositorySecrets()).toEqual([]);
    expect(await adapter.inspect('GONE_SOON')).toBeUndefined();
    await expect(adapter.remove(existing)).resolves.toBeUndefined();
  });

  it('writes an environment destination into the environment, with its own key', async () => {
    const { destination, adapter } = adapterFor(ghDestination('ci-env', { environment_name: ENVIRONMENT }));
    await adapter.write(desiredObject(destination, 'DEPLOY_KEY', 'env-value'), undefined);

    expect(environmentSecrets()).toEqual([expect.objectContaining({ name: 'DEPLOY_KEY', value: 'env-value' })]);
    expect(repositorySecrets()).toEqual([]);
    expect(await adapter.inspect('DEPLOY_KEY')).toMatchObject({ name: 'DEPLOY_KEY' });
    expect(emulator.control.requestCounts()).toMatchObject({ 'actions.getEnvironmentPublicKey': 1, 'actions.createOrUpdateEnvironmentSecret': 1 });
  });

  it('writes an organization secret with its visibility', async () => {
    const { destination, adapter } = adapterFor(organizationDestination('ci-org', { organization_visibility: 'private' }));
    expect(await adapter.write(desiredObject(destination, 'ORG_WIDE', 'o1'), undefined)).toEqual({ created: true });
    expect(organizationSecrets()).toEqual([expect.objectContaining({ name: 'ORG_WIDE', value: 'o1', visibility: 'private', selectedRepositoryIds: [] })]);
    await adapter.remove(await inspected(adapter, 'ORG_WIDE'));
    expect(organizationSecrets()).toEqual([]);
  });

  it('resolves selected repository names to ids once, and re-sends the selection on every write', async () => {
    const { destination, adapter } = adapterFor(organizationDestination('ci-org', { organization_visibility: 'selected', selected_repository_names: ['api', 'docs'] }));
    const ids = ['api', 'docs'].map((name) => repository(name).id);

    await adapter.write(desiredObject(destination, 'SELECTED_ONE', 'v1'), undefined);
    await adapter.write(desiredObject(destination, 'SELECTED_ONE', 'v2'), await adapter.inspect('SELECTED_ONE'));

    expect(organizationSecrets()).toEqual([expect.objectContaining({ name: 'SELECTED_ONE', value: 'v2', visibility: 'selected', selectedRepositoryIds: ids })]);
    expect(emulator.control.requestCounts()).toMatchObject({ 'repos.get': 2, 'actions.createOrUpdateOrgSecret': 2 });
  });

  it('fetches a scope key once for every adapter of the worker', async () => {
    const first = adapterFor();
    const second = adapterFor(ghDestination('ci-repo-too'));
    await first.adapter.write(desiredObject(first.destination, 'ONE', '1'), undefined);
    await second.adapter.write(desiredObject(second.destination, 'TWO', '2'), undefined);
    expect(emulator.control.requestCounts()).toMatchObject({ 'actions.getRepoPublicKey': 1, 'actions.createOrUpdateRepoSecret': 2 });
  });

  it('fetches the key again and re-seals once when the cached key has rotated', async () => {
    const { destination, adapter } = adapterFor();
    await adapter.write(desiredObject(destination, 'ROTATED', 'before'), undefined);
    emulator.rotateKey({ repository: `${OWNER}/${REPOSITORY}` });

    expect(await adapter.write(desiredObject(destination, 'ROTATED', 'after'), await adapter.inspect('ROTATED'))).toEqual({ created: false });

    expect(repositorySecrets()).toEqual([expect.objectContaining({ name: 'ROTATED', value: 'after' })]);
    // The second PUT with the stale key_id was refused; the key was fetched again and the third PUT sealed with it.
    expect(emulator.control.requestCounts()).toMatchObject({ 'actions.getRepoPublicKey': 2, 'actions.createOrUpdateRepoSecret': 3 });
  });

  it('does not repeat a refused PUT when the key fetched again is the same', async () => {
    const { destination, adapter } = adapterFor();
    await adapter.write(desiredObject(destination, 'FINE', 'v'), undefined);
    const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'GITHUB_TOKEN', 'v'), undefined));
    expect(failure.toRecord()).toMatchObject({ code: ErrorCode.DestinationRejected, statusCode: 422 });
    expect(emulator.control.requestCounts()).toMatchObject({ 'actions.getRepoPublicKey': 2, 'actions.createOrUpdateRepoSecret': 2 });
  });

  it.each([
    ['a reserved GITHUB_ name', 'GITHUB_TOKEN', 'v'],
    ['a value over 48 KB', 'TOO_BIG', 'x'.repeat(MAX_SECRET_VALUE_BYTES + 1)],
  ])('reports %s as a CLIENT_SIDE rejection naming the secret, without retrying a fresh key', async (_case, name, value) => {
    const { destination, adapter } = adapterFor();
    const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, name, value), undefined));

    expect(failure).toBeInstanceOf(ClientSideError);
    expect(failure.retryable).toBe(false);
    expect(failure.toRecord()).toMatchObject({ code: ErrorCode.DestinationRejected, statusCode: 422, requestId: expect.any(String) });
    expect(failure.message).toContain(`actions.createOrUpdateRepoSecret on secret ${name} in repository ${OWNER}/${REPOSITORY}`);
    expect(failure.message).not.toContain('xxxx');
    expect(emulator.control.requestCounts()).toMatchObject({ 'actions.getRepoPublicKey': 1, 'actions.createOrUpdateRepoSecret': 1 });
  });
});

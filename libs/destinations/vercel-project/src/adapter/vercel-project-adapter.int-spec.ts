import { vaultSyncFailureOf } from '@vault-sync/testing';
import { ClientSideError, DestinationAdapter, ErrorCode, ExternalServiceError } from '@vault-sync/domain';
import { EnvRecord, RunningVercelProjectEmulator, startVercelProjectEmulator } from '@vault-sync/testing/emulators/vercel-project';
import { PERSONAL_PROJECT, SYNC_TOKEN, TEAM_ID, TEAM_PROJECT, desiredObject, inspected, vercelDestination } from './__fixtures__/vercel-destinations';
import { commentFor } from './vercel-comment';
import { VercelProjectAdapterFactory } from './vercel-project-adapter-factory';

const OTHER_TOKEN = 'vercel-token-of-someone-else-000000002';

describe('vercel-project adapter against the emulator', () => {
  let emulator: RunningVercelProjectEmulator;
  let factory: VercelProjectAdapterFactory;
  const adapters: DestinationAdapter[] = [];

  beforeAll(async () => {
    emulator = await startVercelProjectEmulator({
      tokens: [
        { token: SYNC_TOKEN, teamIds: [TEAM_ID] },
        { token: OTHER_TOKEN, teamIds: [] },
      ],
      teams: [{ id: TEAM_ID, slug: 'acme' }],
      projects: [PERSONAL_PROJECT, TEAM_PROJECT],
    });
    factory = new VercelProjectAdapterFactory({ apiBaseUrl: emulator.url });
  });
  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((adapter) => adapter.close()));
    emulator.control.reset();
  });
  afterAll(() => emulator.close());

  function adapterFor(body: Record<string, unknown> = {}, name = 'web') {
    const destination = vercelDestination(name, body);
    const adapter = factory.create(destination);
    adapters.push(adapter);
    return { destination, adapter };
  }

  const storedEnvs = () => (emulator.control.state() as { envs: EnvRecord[] }).envs;
  const stored = (key: string) => storedEnvs().filter((env) => env.key === key);

  /** Another writer (a person, a script) creating a variable, straight through the REST API. */
  async function createByHand(fields: Record<string, unknown>, projectId = PERSONAL_PROJECT.id): Promise<void> {
    const response = await fetch(`${emulator.url}/v10/projects/${projectId}/env`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SYNC_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'encrypted', ...fields }),
    });
    expect(response.status).toBe(201);
  }

  describe('lifecycle', () => {
    it('creates an encrypted variable for the deployment environments with our marks in the comment, and inspects it back', async () => {
      const { destination, adapter } = adapterFor({ deployment_environments: ['production', 'preview'] });
      const object = desiredObject(destination, 'APP_PASSWORD', 'p1');
      expect(await adapter.inspect(object.name)).toBeUndefined();

      const outcome = await adapter.write(object, undefined);

      const [env] = stored('APP_PASSWORD');
      expect(outcome).toEqual({ created: true, externalId: env.id });
      expect(env).toMatchObject({ value: 'p1', type: 'encrypted', target: ['preview', 'production'], comment: commentFor(object.marks), gitBranch: undefined });
      expect(await adapter.inspect(object.name)).toMatchObject({ name: 'APP_PASSWORD', externalId: env.id, marks: object.marks, pendingDeletion: false });
      expect(emulator.control.requestCounts()).toMatchObject({ createProjectEnv: 1 });
    });

    it('updates the value in place by id, and moves the variable when the deployment environments change', async () => {
      const first = adapterFor();
      await first.adapter.write(desiredObject(first.destination, 'API_KEY', 'v1'), undefined);
      const [created] = stored('API_KEY');

      const outcome = await first.adapter.write(desiredObject(first.destination, 'API_KEY', 'v2'), await inspected(first.adapter, 'API_KEY'));
      expect(outcome).toEqual({ created: false, externalId: created.id });
      expect(stored('API_KEY')).toMatchObject([{ id: created.id, value: 'v2', target: ['production'] }]);

      const widened = adapterFor({ deployment_environments: ['production', 'development'] });
      await widened.adapter.write(desiredObject(widened.destination, 'API_KEY', 'v3'), await inspected(widened.adapter, 'API_KEY'));
      expect(stored('API_KEY')).toMatchObject([{ id: created.id, value: 'v3', target: ['development', 'production'] }]);
      expect(emulator.control.requestCounts()).toMatchObject({ createProjectEnv: 1, editProjectEnv: 2 });
    });

    it('recreates a variable deleted behind our back between inspect and write', async () => {
      const { destination, adapter } = adapterFor();
      await adapter.write(desiredObject(destination, 'API_KEY', 'v1'), undefined);
      const existing = await inspected(adapter, 'API_KEY');
      await adapter.remove(existing);

      await expect(adapter.write(desiredObject(destination, 'API_KEY', 'v2'), existing)).resolves.toMatchObject({ created: true });
      expect(stored('API_KEY')).toMatchObject([{ value: 'v2' }]);
    });

    it('deletes by id, and treats a variable already gone as deleted', async () => {
      const { destination, adapter } = adapterFor();
      await adapter.write(desiredObject(destination, 'API_KEY', 'v1'), undefined);
      const existing = await inspected(adapter, 'API_KEY');

      await adapter.remove(existing);
      expect(stored('API_KEY')).toEqual([]);
      await expect(adapter.remove(existing)).resolves.toBeUndefined();
      await expect(adapter.remove({ name: 'API_KEY', pendingDeletion: false })).resolves.toBeUndefined();
      expect(emulator.control.requestCounts()).toMatchObject({ removeProjectEnv: 2 });
    });

    it('scopes every call of a team project with teamId', async () => {
      const { destination, adapter } = adapterFor({ project_id: TEAM_PROJECT.id, team_id: TEAM_ID });
      await adapter.write(desiredObject(destination, 'TEAM_KEY', 'v1'), undefined);
      expect(storedEnvs()).toMatchObject([{ key: 'TEAM_KEY', projectId: TEAM_PROJECT.id }]);
      await adapter.remove(await inspected(adapter, 'TEAM_KEY'));
      expect(storedEnvs()).toEqual([]);
    });

    it('writes sensitive variables when asked, and replaces one when the type goes back to encrypted', async () => {
      const sensitive = adapterFor({ env_var_type: 'sensitive' });
      await sensitive.adapter.write(desiredObject(sensitive.destination, 'API_KEY', 'v1'), undefined);
      expect(stored('API_KEY')).toMatchObject([{ type: 'sensitive', value: 'v1' }]);

      const encrypted = adapterFor();
      await encrypted.adapter.write(desiredObject(encrypted.destination, 'API_KEY', 'v2'), await inspected(encrypted.adapter, 'API_KEY'));
      expect(stored('API_KEY')).toMatchObject([{ type: 'encrypted', value: 'v2' }]);
    });
  });

  describe('ownership and clashes', () => {
    it('shows a hand-made variable in our targets without marks, and ignores the key in other targets and branches', async () => {
      const { adapter } = adapterFor({ deployment_environments: ['production'] });
      await createByHand({ key: 'API_KEY', value: 'dev', target: ['development'] });
      await createByHand({ key: 'API_KEY', value: 'branch', target: ['preview'], gitBranch: 'feature' });
      expect(await adapter.inspect('API_KEY')).toBeUndefined();

      await createByHand({ key: 'API_KEY', value: 'theirs', target: ['production'], comment: 'set by the platform team' });
      expect(await adapter.inspect('API_KEY')).toMatchObject({ marks: {}, pendingDeletion: false });
    });

    it('reports a variable created by someone else after our inspect as a retryable concurrent modification, untouched', async () => {
      const { destination, adapter } = adapterFor();
      await createByHand({ key: 'API_KEY', value: 'theirs', target: ['production'] });

      const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'API_KEY', 'ours'), undefined));

      expect(failure).toBeInstanceOf(ExternalServiceError);
      expect(failure.code).toBe(ErrorCode.ConcurrentModification);
      expect(failure.retryable).toBe(true);
      expect(stored('API_KEY')).toMatchObject([{ value: 'theirs' }]);
    });

    it('updates a variable with our marks that a concurrent run of ours created (ENV_CONFLICT on create)', async () => {
      const { destination, adapter } = adapterFor({ deployment_environments: ['production', 'preview'] });
      const object = desiredObject(destination, 'API_KEY', 'v2');
      await createByHand({ key: 'API_KEY', value: 'v1', target: ['preview'], comment: commentFor(object.marks) });

      await expect(adapter.write(object, undefined)).resolves.toMatchObject({ created: false });
      expect(stored('API_KEY')).toMatchObject([{ value: 'v2', target: ['preview', 'production'] }]);
    });

    it('adopting several per-target variables leaves one record for all our targets', async () => {
      const { destination, adapter } = adapterFor({ deployment_environments: ['production', 'preview'] });
      await createByHand({ key: 'API_KEY', value: 'prod', target: ['production'] });
      await createByHand({ key: 'API_KEY', value: 'preview', target: ['preview'] });
      await createByHand({ key: 'API_KEY', value: 'dev', target: ['development'] });
      const existing = await inspected(adapter, 'API_KEY');
      expect(existing.marks).toEqual({});

      const object = desiredObject(destination, 'API_KEY', 'ours');
      await adapter.write(object, existing);

      const records = stored('API_KEY').map(({ value, target, comment }) => ({ value, target, comment }));
      expect(records.sort((a, b) => a.value.localeCompare(b.value))).toEqual([
        { value: 'dev', target: ['development'], comment: '' },
        { value: 'ours', target: ['preview', 'production'], comment: commentFor(object.marks) },
      ]);
      expect(await adapter.inspect('API_KEY')).toMatchObject({ marks: object.marks });
    });
  });

  describe('errors', () => {
    it('reports a bad token as CLIENT_SIDE destination_auth_failed, without the token', async () => {
      const { adapter } = adapterFor({ access_token: 'not-a-known-token' });
      const failure = await vaultSyncFailureOf(adapter.inspect('API_KEY'));
      expect(failure).toBeInstanceOf(ClientSideError);
      expect(failure.retryable).toBe(false);
      expect(failure.toRecord()).toMatchObject({ failureClass: 'CLIENT_SIDE_ERROR', code: ErrorCode.DestinationAuthFailed, statusCode: 403 });
      expect(failure.message).not.toContain('not-a-known-token');
    });

    it('reports a team the token cannot act for as an auth failure, and a team project asked without team_id as not found', async () => {
      const outsider = adapterFor({ access_token: OTHER_TOKEN, project_id: TEAM_PROJECT.id, team_id: TEAM_ID });
      expect((await vaultSyncFailureOf(outsider.adapter.inspect('API_KEY'))).code).toBe(ErrorCode.DestinationAuthFailed);
      const unscoped = adapterFor({ project_id: TEAM_PROJECT.id });
      const failure = await vaultSyncFailureOf(unscoped.adapter.inspect('API_KEY'));
      expect(failure.toRecord()).toMatchObject({ failureClass: 'CLIENT_SIDE_ERROR', code: ErrorCode.DestinationNotFound, statusCode: 404 });
    });

    it('reports a rejected value as CLIENT_SIDE destination_rejected without the value', async () => {
      const { destination, adapter } = adapterFor();
      const huge = `start-${'x'.repeat(70_000)}`;
      const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'API_KEY', huge), undefined));
      expect(failure.toRecord()).toMatchObject({ failureClass: 'CLIENT_SIDE_ERROR', code: ErrorCode.DestinationRejected, statusCode: 400 });
      expect(failure.message).toContain('64 KB');
      expect(failure.message).not.toContain('start-');
    });

    it('reports 429 as retryable and throttled, waiting for the reset the answer names, after one request', async () => {
      const { destination, adapter } = adapterFor();
      emulator.control.setRateLimit({ limit: 0, windowMs: 60_000, operation: 'createProjectEnv' });

      const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'API_KEY', 'v1'), undefined));

      expect(failure).toBeInstanceOf(ExternalServiceError);
      expect(failure.toRecord()).toMatchObject({ failureClass: 'EXTERNAL_SERVICE_ERROR', code: ErrorCode.DestinationThrottled, statusCode: 429 });
      expect(failure.retryable).toBe(true);
      expect(failure.retryAfterMs).toBeGreaterThan(50_000);
      expect(failure.retryAfterMs).toBeLessThanOrEqual(61_000);
      expect(emulator.control.requestCounts()).toMatchObject({ createProjectEnv: 1 });
    });

    it.each([500, 503])('reports HTTP %i as a retryable EXTERNAL_SERVICE error; the retry succeeds', async (status) => {
      emulator.control.injectFault({ operation: 'createProjectEnv', status, count: 1 });
      const { destination, adapter } = adapterFor();
      const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'API_KEY', 'v1'), undefined));
      expect(failure.toRecord()).toMatchObject({ failureClass: 'EXTERNAL_SERVICE_ERROR', code: ErrorCode.DestinationUnavailable, statusCode: status });
      expect(failure.retryable).toBe(true);
      await expect(adapter.write(desiredObject(destination, 'API_KEY', 'v1'), undefined)).resolves.toMatchObject({ created: true });
    });

    it('reports a connection reset as a retryable EXTERNAL_SERVICE error', async () => {
      emulator.control.injectFault({ operation: 'filterProjectEnvs', connectionReset: true, count: 1 });
      const { adapter } = adapterFor();
      const failure = await vaultSyncFailureOf(adapter.inspect('API_KEY'));
      expect(failure).toBeInstanceOf(ExternalServiceError);
      expect(failure.code).toBe(ErrorCode.DestinationUnavailable);
      await expect(adapter.inspect('API_KEY')).resolves.toBeUndefined();
    });
  });
});

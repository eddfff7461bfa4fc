import { MAX_SECRET_VALUE_BYTES, RunningGhEmulator, startGhEmulator } from './index';
import { failure, OctokitClient, octokitFor, seal } from './gh.test-kit';

const TOKEN = 'ghp_repoAdmin0000000000000000000000000000';
const repo = { owner: 'acme', repo: 'web' };

interface StateRepo {
  name: string;
  id: number;
  secrets: { name: string; value: string }[];
  environments: { name: string; secrets: { name: string; value: string }[] }[];
}

describe('gh emulator: repository and environment secrets through @octokit/rest', () => {
  let emulator: RunningGhEmulator;
  let octokit: OctokitClient;

  beforeEach(async () => {
    emulator = await startGhEmulator({
      organizations: [{ login: 'acme' }],
      repositories: [{ owner: 'acme', name: 'web', id: 4242, private: true, environments: ['production', 'staging'] }],
      tokens: [TOKEN],
    });
    octokit = octokitFor(emulator.url, TOKEN);
  });
  afterEach(() => emulator.close());

  const stateRepo = () => (emulator.control.state() as { repositories: StateRepo[] }).repositories.find((r) => r.name === 'web') as StateRepo;

  async function putRepoSecret(name: string, value: string) {
    const { data: key } = await octokit.rest.actions.getRepoPublicKey(repo);
    return octokit.rest.actions.createOrUpdateRepoSecret({ ...repo, secret_name: name, encrypted_value: await seal(value, key.key), key_id: key.key_id });
  }

  describe('public keys', () => {
    it('serves a 32-byte standard-base64 key with a decimal key_id, distinct per repository and environment', async () => {
      const { data: repoKey } = await octokit.rest.actions.getRepoPublicKey(repo);
      const { data: envKey } = await octokit.rest.actions.getEnvironmentPublicKey({ ...repo, environment_name: 'production' });
      expect(repoKey.key_id).toMatch(/^\d{18}$/);
      expect(Buffer.from(repoKey.key, 'base64')).toHaveLength(32);
      expect(repoKey.key).toMatch(/=$/);
      expect(envKey.key).not.toBe(repoKey.key);
      expect(envKey.key_id).not.toBe(repoKey.key_id);
    });

    it('rotates a scope key on request: new key and key_id, the old key_id becomes stale (422)', async () => {
      const { data: before } = await octokit.rest.actions.getRepoPublicKey(repo);
      const rotated = emulator.rotateKey({ repository: 'acme/web' });
      const { data: after } = await octokit.rest.actions.getRepoPublicKey(repo);
      expect(after).toEqual(rotated);
      expect(after.key_id).not.toBe(before.key_id);
      const stale = await failure(
        octokit.rest.actions.createOrUpdateRepoSecret({ ...repo, secret_name: 'API_KEY', encrypted_value: await seal('v', before.key), key_id: before.key_id }),
      );
      expect(stale.status).toBe(422);
      expect(stale.response?.data).toEqual({
        message: 'Bad request - validation failed due to an improperly encrypted secret',
        documentation_url: 'https://docs.github.com/rest/actions/secrets#create-or-update-a-repository-secret',
        status: '422',
      });
    });
  });

  describe('repository secrets', () => {
    it('creates with 201 {}, updates with 204, and opens every sealed value into state', async () => {
      const created = await putRepoSecret('api_key', 'first value');
      expect(created.status).toBe(201);
      expect(created.data).toEqual({});
      const updated = await putRepoSecret('API_KEY', 'second välue ✓');
      expect(updated.status).toBe(204);
      expect(stateRepo().secrets).toEqual([expect.objectContaining({ name: 'API_KEY', value: 'second välue ✓' })]);
    });

    it('gets one secret without its value, matching the name case-insensitively; a missing one is 404', async () => {
      await putRepoSecret('DB_PASSWORD', 'p');
      const { data } = await octokit.rest.actions.getRepoSecret({ ...repo, secret_name: 'db_password' });
      expect(data).toEqual({ name: 'DB_PASSWORD', created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), updated_at: expect.any(String) });
      const missing = await failure(octokit.rest.actions.getRepoSecret({ ...repo, secret_name: 'NOPE' }));
      expect(missing.status).toBe(404);
      expect(missing.response?.data).toMatchObject({ message: 'Not Found', status: '404' });
    });

    it('lists secrets by name in pages with a link header that octokit.paginate follows', async () => {
      for (const name of ['C_ONE', 'A_ONE', 'B_ONE', 'D_ONE', 'E_ONE']) await putRepoSecret(name, name.toLowerCase());
      const first = await octokit.rest.actions.listRepoSecrets({ ...repo, per_page: 2 });
      expect(first.data.total_count).toBe(5);
      expect(first.data.secrets.map((s) => s.name)).toEqual(['A_ONE', 'B_ONE']);
      expect(first.headers.link).toContain('rel="next"');
      const all = await octokit.paginate(octokit.rest.actions.listRepoSecrets, { ...repo, per_page: 2 });
      expect(all.map((s) => s.name)).toEqual(['A_ONE', 'B_ONE', 'C_ONE', 'D_ONE', 'E_ONE']);
      const third = await octokit.rest.actions.listRepoSecrets({ ...repo, per_page: 2, page: 3 });
      expect(third.data.secrets.map((s) => s.name)).toEqual(['E_ONE']);
    });

    it('deletes with 204; deleting again is 404', async () => {
      await putRepoSecret('GONE', 'x');
      expect((await octokit.rest.actions.deleteRepoSecret({ ...repo, secret_name: 'gone' })).status).toBe(204);
      expect(stateRepo().secrets).toEqual([]);
      expect((await failure(octokit.rest.actions.deleteRepoSecret({ ...repo, secret_name: 'GONE' }))).status).toBe(404);
    });

    it('rejects a box that does not open with 422, and stores nothing', async () => {
      const { data: key } = await octokit.rest.actions.getRepoPublicKey(repo);
      const garbage = Buffer.alloc(80, 7).toString('base64');
      const err = await failure(octokit.rest.actions.createOrUpdateRepoSecret({ ...repo, secret_name: 'X', encrypted_value: garbage, key_id: key.key_id }));
      expect(err.status).toBe(422);
      expect(err.message).toContain('improperly encrypted secret');
      const { data: envKey } = await octokit.rest.actions.getEnvironmentPublicKey({ ...repo, environment_name: 'production' });
      const wrongScope = await failure(
        octokit.rest.actions.createOrUpdateRepoSecret({ ...repo, secret_name: 'X', encrypted_value: await seal('v', envKey.key), key_id: key.key_id }),
      );
      expect(wrongScope.status).toBe(422);
      expect(stateRepo().secrets).toEqual([]);
    });

    it('validates the body as GitHub does: missing key_id, non-base64 value', async () => {
      const missing = await failure(octokit.request('PUT /repos/acme/web/actions/secrets/X', { encrypted_value: 'AAAA' }));
      expect(missing.status).toBe(422);
      expect(missing.response?.data).toMatchObject({ message: 'Invalid request.\n\n"key_id" wasn\'t supplied.' });
      const notBase64 = await failure(octokit.rest.actions.createOrUpdateRepoSecret({ ...repo, secret_name: 'X', encrypted_value: 'not-base64!', key_id: '1' }));
      expect(notBase64.status).toBe(422);
      expect((notBase64.response?.data as { message: string }).message).toBe(
        'Invalid request.\n\nnot-base64! does not match /^(?:[A-Za-z0-9+\\/]{4})*(?:[A-Za-z0-9+\\/]{2}==|[A-Za-z0-9+\\/]{3}=|[A-Za-z0-9+\\/]{4})$/.',
      );
    });

    it.each([
      ['has a space', 'MY SECRET', 'Secret names can only contain alphanumeric characters'],
      ['has a dash', 'MY-SECRET', 'Secret names can only contain alphanumeric characters'],
      ['starts with a digit', '1SECRET', 'Must start with a letter'],
      ['uses the reserved prefix', 'github_token', 'Secret names must not start with GITHUB_.'],
    ])('refuses a name that %s with 422', async (_why, name, message) => {
      const err = await failure(putRepoSecret(name, 'v'));
      expect(err.status).toBe(422);
      expect(err.response?.data).toMatchObject({ message: expect.stringContaining(message), status: '422', documentation_url: expect.stringContaining('docs.github.com') });
    });

    it('accepts a value of exactly 48 KB and refuses one byte more with 422', async () => {
      expect((await putRepoSecret('BIG', 'x'.repeat(MAX_SECRET_VALUE_BYTES))).status).toBe(201);
      const err = await failure(putRepoSecret('BIGGER', 'x'.repeat(MAX_SECRET_VALUE_BYTES + 1)));
      expect(err.status).toBe(422);
      expect(err.message).toContain('48 KB');
      expect(stateRepo().secrets.map((s) => s.name)).toEqual(['BIG']);
    });

    it('answers a missing repository with 404 before any secret logic', async () => {
      const err = await failure(octokit.rest.actions.getRepoPublicKey({ owner: 'acme', repo: 'nope' }));
      expect(err.status).toBe(404);
    });
  });

  describe('environment secrets', () => {
    it('writes with the environment key: 201 then 204, values kept per environment', async () => {
      const env = { ...repo, environment_name: 'production' };
      const { data: key } = await octokit.rest.actions.getEnvironmentPublicKey(env);
      const put = async (value: string) =>
        octokit.rest.actions.createOrUpdateEnvironmentSecret({ ...env, secret_name: 'DEPLOY_KEY', encrypted_value: await seal(value, key.key), key_id: key.key_id });
      expect((await put('one')).status).toBe(201);
      expect((await put('two')).status).toBe(204);
      const { data: listed } = await octokit.rest.actions.listEnvironmentSecrets({ ...env });
      expect(listed.secrets.map((s) => s.name)).toEqual(['DEPLOY_KEY']);
      expect((await octokit.rest.actions.getEnvironmentSecret({ ...env, secret_name: 'deploy_key' })).data.name).toBe('DEPLOY_KEY');
      const production = stateRepo().environments.find((e) => e.name === 'production');
      expect(production?.secrets).toEqual([expect.objectContaining({ name: 'DEPLOY_KEY', value: 'two' })]);
      expect(stateRepo().secrets).toEqual([]);
      expect((await octokit.rest.actions.deleteEnvironmentSecret({ ...env, secret_name: 'DEPLOY_KEY' })).status).toBe(204);
      expect((await failure(octokit.rest.actions.deleteEnvironmentSecret({ ...env, secret_name: 'DEPLOY_KEY' }))).status).toBe(404);
    });

    it('refuses a value sealed to the repository key with 422, and a missing environment with 404', async () => {
      const { data: repoKey } = await octokit.rest.actions.getRepoPublicKey(repo);
      const err = await failure(
        octokit.rest.actions.createOrUpdateEnvironmentSecret({ ...repo, environment_name: 'staging', secret_name: 'K', encrypted_value: await seal('v', repoKey.key), key_id: repoKey.key_id }),
      );
      expect(err.status).toBe(422);
      expect((await failure(octokit.rest.actions.getEnvironmentPublicKey({ ...repo, environment_name: 'qa' }))).status).toBe(404);
    });
  });

  describe('lookups the adapter needs', () => {
    it('returns the repository with its id, and its environments', async () => {
      const { data } = await octokit.rest.repos.get(repo);
      expect(data).toMatchObject({ id: 4242, name: 'web', full_name: 'acme/web', private: true, owner: { login: 'acme', type: 'Organization' } });
      const { data: envs } = await octokit.rest.repos.getAllEnvironments(repo);
      expect(envs.total_count).toBe(2);
      expect(envs.environments?.map((e) => e.name)).toEqual(['production', 'staging']);
      const { data: one } = await octokit.rest.repos.getEnvironment({ ...repo, environment_name: 'STAGING' });
      expect(one.name).toBe('staging');
      expect((await octokit.rest.orgs.get({ org: 'acme' })).data).toMatchObject({ login: 'acme', id: expect.any(Number) });
    });

    it('sends GitHub headers on every answer, errors included', async () => {
      const ok = await octokit.rest.repos.get(repo);
      const notFound = await failure(octokit.rest.repos.get({ owner: 'acme', repo: 'missing' }));
      for (const headers of [ok.headers, notFound.response?.headers ?? {}]) {
        expect(headers['x-github-request-id']).toMatch(/^[0-9A-F]{4}:[0-9A-F]{4}:[0-9A-F]{6}:[0-9A-F]{7}:[0-9A-F]{8}$/);
        expect(headers['x-ratelimit-limit']).toBe('5000');
        expect(headers['x-ratelimit-resource']).toBe('core');
        expect(Number(headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
      }
      expect(Number(notFound.response?.headers['x-ratelimit-used'])).toBe(2);
      expect(Number(notFound.response?.headers['x-ratelimit-remaining'])).toBe(4998);
    });
  });
});

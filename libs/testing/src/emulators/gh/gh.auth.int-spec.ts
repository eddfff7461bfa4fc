import { RunningGhEmulator, startGhEmulator } from './index';
import { AppKeys, failure, newAppKeys, octokitFor, seal, signAppJwt } from './gh.test-kit';

const PAT = 'ghp_personal000000000000000000000000000000';
const APP_ID = 31337;
const INSTALLATION_ID = 777;

describe('gh emulator: authentication through @octokit/rest', () => {
  let emulator: RunningGhEmulator;
  let appKeys: AppKeys;
  let clockOffsetMs: number;

  beforeAll(() => {
    appKeys = newAppKeys();
  });

  beforeEach(async () => {
    clockOffsetMs = 0;
    emulator = await startGhEmulator({
      organizations: [{ login: 'acme' }, { login: 'rival' }],
      repositories: [
        { owner: 'acme', name: 'web', private: true, environments: ['production'] },
        { owner: 'acme', name: 'api', private: true },
        { owner: 'acme', name: 'site', private: false },
        { owner: 'rival', name: 'theirs', private: true },
      ],
      tokens: [PAT],
      apps: [{ appId: APP_ID, clientId: 'Iv1.abc123', publicKeyPem: appKeys.publicKeyPem, installations: [{ id: INSTALLATION_ID, account: 'acme' }] }],
      now: () => Date.now() + clockOffsetMs,
    });
  });
  afterEach(() => emulator.close());

  async function installationToken(body: { repositories?: string[] } = {}): Promise<string> {
    const appClient = octokitFor(emulator.url, signAppJwt(APP_ID, appKeys.privateKey));
    const { data } = await appClient.rest.apps.createInstallationAccessToken({ installation_id: INSTALLATION_ID, ...body });
    return data.token;
  }

  describe('personal access tokens', () => {
    it('accepts `token X` (what Octokit sends) and `Bearer X`', async () => {
      expect((await octokitFor(emulator.url, PAT).rest.repos.get({ owner: 'acme', repo: 'web' })).status).toBe(200);
      const bearer = await fetch(`${emulator.url}/repos/acme/web`, { headers: { authorization: `Bearer ${PAT}` } });
      expect(bearer.status).toBe(200);
    });

    it('answers an unknown token with 401 "Bad credentials" in GitHub\'s body, with rate-limit headers', async () => {
      const err = await failure(octokitFor(emulator.url, 'ghp_wrong').rest.actions.getRepoPublicKey({ owner: 'acme', repo: 'web' }));
      expect(err.status).toBe(401);
      expect(err.name).toBe('HttpError');
      expect(err.response?.data).toEqual({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
      expect(err.message).toBe('Bad credentials - https://docs.github.com/rest');
      expect(err.response?.headers['x-ratelimit-limit']).toBe('60');
      expect(err.response?.headers['x-github-request-id']).toBeDefined();
    });

    it('lets anonymous callers read public repositories only, and asks them to authenticate for secrets', async () => {
      const anonymous = octokitFor(emulator.url);
      expect((await anonymous.rest.repos.get({ owner: 'acme', repo: 'site' })).data.private).toBe(false);
      expect((await failure(anonymous.rest.repos.get({ owner: 'acme', repo: 'web' }))).status).toBe(404);
      const err = await failure(anonymous.rest.actions.listRepoSecrets({ owner: 'acme', repo: 'site' }));
      expect(err.status).toBe(401);
      expect(err.response?.data).toMatchObject({ message: 'Requires authentication' });
    });
  });

  describe('GitHub App installation tokens', () => {
    it('exchanges an RS256 app JWT for an installation token that expires in an hour, then writes secrets with it', async () => {
      const appClient = octokitFor(emulator.url, signAppJwt(APP_ID, appKeys.privateKey));
      const { status, data } = await appClient.rest.apps.createInstallationAccessToken({ installation_id: INSTALLATION_ID });
      expect(status).toBe(201);
      expect(data.token).toMatch(/^ghs_[A-Za-z0-9]{36}$/);
      expect(data.repository_selection).toBe('all');
      const expiresInMs = Date.parse(data.expires_at) - Date.now();
      expect(expiresInMs).toBeGreaterThan(3_590_000);
      expect(expiresInMs).toBeLessThanOrEqual(3_600_000);

      const installation = octokitFor(emulator.url, data.token);
      const repo = { owner: 'acme', repo: 'web', environment_name: 'production' };
      const { data: key } = await installation.rest.actions.getEnvironmentPublicKey(repo);
      const put = await installation.rest.actions.createOrUpdateEnvironmentSecret({ ...repo, secret_name: 'FROM_APP', encrypted_value: await seal('app value', key.key), key_id: key.key_id });
      expect(put.status).toBe(201);
      const state = emulator.control.state() as { repositories: { name: string; environments: { secrets: { value: string }[] }[] }[] };
      expect(state.repositories.find((r) => r.name === 'web')?.environments[0].secrets[0].value).toBe('app value');
    });

    it('accepts the client id as issuer', async () => {
      const appClient = octokitFor(emulator.url, signAppJwt('Iv1.abc123', appKeys.privateKey));
      expect((await appClient.rest.apps.createInstallationAccessToken({ installation_id: INSTALLATION_ID })).status).toBe(201);
    });

    it('narrows a token to the repositories asked for; others and other accounts are 404', async () => {
      const token = await installationToken({ repositories: ['web'] });
      const client = octokitFor(emulator.url, token);
      expect((await client.rest.actions.getRepoPublicKey({ owner: 'acme', repo: 'web' })).status).toBe(200);
      expect((await failure(client.rest.actions.getRepoPublicKey({ owner: 'acme', repo: 'api' }))).status).toBe(404);
      expect((await failure(client.rest.actions.getRepoPublicKey({ owner: 'rival', repo: 'theirs' }))).status).toBe(404);
      expect((await failure(client.rest.actions.getOrgPublicKey({ org: 'rival' }))).status).toBe(404);
      const appClient = octokitFor(emulator.url, signAppJwt(APP_ID, appKeys.privateKey));
      const outside = await failure(appClient.rest.apps.createInstallationAccessToken({ installation_id: INSTALLATION_ID, repositories: ['theirs'] }));
      expect(outside.status).toBe(422);
    });

    it('refuses the token once it has expired with 401 "Bad credentials"', async () => {
      const client = octokitFor(emulator.url, await installationToken());
      expect((await client.rest.actions.getOrgPublicKey({ org: 'acme' })).status).toBe(200);
      clockOffsetMs = 3_600_001;
      const err = await failure(client.rest.actions.getOrgPublicKey({ org: 'acme' }));
      expect(err.status).toBe(401);
      expect(err.response?.data).toMatchObject({ message: 'Bad credentials' });
    });

    it.each([
      ['signed with another key', () => signAppJwt(APP_ID, newAppKeys().privateKey), 'A JSON web token could not be decoded'],
      ['for an unknown app', () => signAppJwt(404, appKeys.privateKey), 'A JSON web token could not be decoded'],
      ['expired', () => signAppJwt(APP_ID, appKeys.privateKey, { iat: nowSeconds() - 700, exp: nowSeconds() - 30 }), "'Expiration time' claim ('exp') must be a numeric value"],
      ['valid for over 10 minutes', () => signAppJwt(APP_ID, appKeys.privateKey, { exp: nowSeconds() + 3600 }), "'Expiration time' claim ('exp') is too far in the future"],
    ])('answers a JWT %s with 401', async (_why, jwt, message) => {
      const err = await failure(octokitFor(emulator.url, jwt()).rest.apps.createInstallationAccessToken({ installation_id: INSTALLATION_ID }));
      expect(err.status).toBe(401);
      expect((err.response?.data as { message: string }).message).toContain(message);
    });

    it('takes only a JWT on app endpoints, and refuses a JWT elsewhere', async () => {
      const withPat = await failure(octokitFor(emulator.url, PAT).rest.apps.createInstallationAccessToken({ installation_id: INSTALLATION_ID }));
      expect(withPat.status).toBe(401);
      expect(withPat.response?.data).toMatchObject({ message: 'A JSON web token could not be decoded' });
      const jwtClient = octokitFor(emulator.url, signAppJwt(APP_ID, appKeys.privateKey));
      const onSecrets = await failure(jwtClient.rest.actions.getRepoPublicKey({ owner: 'acme', repo: 'web' }));
      expect(onSecrets.status).toBe(403);
      expect((await failure(jwtClient.rest.apps.createInstallationAccessToken({ installation_id: 1 }))).status).toBe(404);
    });
  });

  describe('API versions', () => {
    it('accepts a supported X-GitHub-Api-Version and echoes it; refuses an unknown one with 400', async () => {
      const client = octokitFor(emulator.url, PAT);
      const ok = await client.rest.repos.get({ owner: 'acme', repo: 'web', headers: { 'x-github-api-version': '2022-11-28' } });
      expect(ok.headers['x-github-api-version-selected']).toBe('2022-11-28');
      const err = await failure(client.rest.repos.get({ owner: 'acme', repo: 'web', headers: { 'x-github-api-version': 'v3' } }));
      expect(err.status).toBe(400);
      expect((err.response?.data as { message: string }).message).toContain('"v3", is not a supported version');
    });
  });
});

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

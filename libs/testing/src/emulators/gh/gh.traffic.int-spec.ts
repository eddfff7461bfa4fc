import { EMULATORS } from '../registry';
import { RunningGhEmulator, startGhEmulator } from './index';
import { failure, OctokitClient, octokitFor, seal } from './gh.test-kit';

const TOKEN = 'ghp_traffic00000000000000000000000000000';
const repo = { owner: 'acme', repo: 'web' };

describe('gh emulator: rate limits, faults and control through @octokit/rest', () => {
  let emulator: RunningGhEmulator;
  let octokit: OctokitClient;

  beforeEach(async () => {
    emulator = await startGhEmulator({ organizations: [{ login: 'acme' }], repositories: [{ owner: 'acme', name: 'web' }], tokens: [TOKEN] });
    octokit = octokitFor(emulator.url, TOKEN);
  });
  afterEach(() => emulator.close());

  async function putSecret(name: string) {
    const { data: key } = await octokit.rest.actions.getRepoPublicKey(repo);
    return octokit.rest.actions.createOrUpdateRepoSecret({ ...repo, secret_name: name, encrypted_value: await seal('v', key.key), key_id: key.key_id });
  }

  describe('primary rate limit', () => {
    it('counts down x-ratelimit-remaining, then answers 403 with remaining 0 and the reset time', async () => {
      emulator.setRateLimits({ primary: { limit: 2 } });
      const first = await octokit.rest.repos.get(repo);
      expect(first.headers['x-ratelimit-remaining']).toBe('1');
      expect(first.headers['x-ratelimit-used']).toBe('1');
      await octokit.rest.repos.get(repo);
      const err = await failure(octokit.rest.repos.get(repo));
      expect(err.status).toBe(403);
      expect(err.response?.data).toMatchObject({ message: expect.stringMatching(/^API rate limit exceeded for user ID \d+\.$/), status: '403' });
      const headers = err.response?.headers ?? {};
      expect(headers['x-ratelimit-remaining']).toBe('0');
      expect(headers['x-ratelimit-limit']).toBe('2');
      expect(headers['x-ratelimit-used']).toBe('2');
      expect(headers['x-ratelimit-resource']).toBe('core');
      expect(Number(headers['x-ratelimit-reset'])).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 3590);
      expect(headers['retry-after']).toBeUndefined();
    });

    it('can answer 429 instead, and starts over when the window passes', async () => {
      emulator.setRateLimits({ primary: { limit: 1, windowMs: 300, status: 429 } });
      await octokit.rest.repos.get(repo);
      const err = await failure(octokit.rest.repos.get(repo));
      expect(err.status).toBe(429);
      expect(err.response?.headers['x-ratelimit-remaining']).toBe('0');
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect((await octokit.rest.repos.get(repo)).status).toBe(200);
    });

    it('keeps one budget per credential', async () => {
      emulator.seed({ tokens: ['ghp_second'] });
      emulator.setRateLimits({ primary: { limit: 1 } });
      await octokit.rest.repos.get(repo);
      expect((await failure(octokit.rest.repos.get(repo))).status).toBe(403);
      expect((await octokitFor(emulator.url, 'ghp_second').rest.repos.get(repo)).headers['x-ratelimit-remaining']).toBe('0');
    });
  });

  describe('secondary rate limit', () => {
    it('charges writes 5 points: past the budget, 403 with retry-after and the "secondary rate limit" message', async () => {
      emulator.setRateLimits({ secondary: { points: 7, windowMs: 60_000 } });
      expect((await putSecret('ONE')).status).toBe(201);
      const { data: key } = await octokit.rest.actions.getRepoPublicKey(repo);
      const err = await failure(octokit.rest.actions.createOrUpdateRepoSecret({ ...repo, secret_name: 'TWO', encrypted_value: await seal('v', key.key), key_id: key.key_id }));
      expect(err.status).toBe(403);
      const headers = err.response?.headers ?? {};
      expect(Number(headers['retry-after'])).toBeGreaterThanOrEqual(59);
      expect(Number(headers['x-ratelimit-remaining'])).toBeGreaterThan(0);
      expect(err.message).toMatch(/secondary rate limit/);
      expect((err.response?.data as { message: string }).message).toContain(`request ID ${headers['x-github-request-id']}`);
    });

    it('can answer 429 and lets requests through again after retry-after', async () => {
      emulator.setRateLimits({ secondary: { points: 1, windowMs: 300, status: 429 } });
      await octokit.rest.repos.get(repo);
      const err = await failure(octokit.rest.repos.get(repo));
      expect(err.status).toBe(429);
      expect(err.response?.headers['retry-after']).toBe('1');
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect((await octokit.rest.repos.get(repo)).status).toBe(200);
    });

    it('answers the shared per-operation limit of the control surface as a secondary limit', async () => {
      emulator.control.setRateLimit({ limit: 1, windowMs: 60_000, operation: 'actions.createOrUpdateRepoSecret' });
      expect((await putSecret('FIRST')).status).toBe(201);
      const err = await failure(putSecret('SECOND'));
      expect(err.status).toBe(403);
      expect(err.response?.headers['retry-after']).toBe('60');
      expect(err.message).toContain('secondary rate limit');
      expect((await octokit.rest.actions.getRepoSecret({ ...repo, secret_name: 'FIRST' })).status).toBe(200);
    });
  });

  describe('injected faults', () => {
    it('answers an injected 502 once, as a RequestError with GitHub headers; the next call succeeds', async () => {
      emulator.control.injectFault({ operation: 'actions.getRepoPublicKey', status: 502, count: 1 });
      const err = await failure(octokit.rest.actions.getRepoPublicKey(repo));
      expect(err.status).toBe(502);
      expect(err.response?.data).toMatchObject({ message: 'Server Error' });
      expect(err.response?.headers['x-github-request-id']).toBeDefined();
      expect((await octokit.rest.actions.getRepoPublicKey(repo)).status).toBe(200);
    });

    it('surfaces a connection reset as a RequestError with status 500 (Octokit\'s network failure), without retry', async () => {
      emulator.control.injectFault({ operation: 'actions.createOrUpdateRepoSecret', connectionReset: true, count: 1 });
      const err = await failure(putSecret('RESET'));
      expect(err.status).toBe(500);
      expect(emulator.control.requestCounts()['actions.createOrUpdateRepoSecret']).toBe(1);
      expect((await putSecret('RESET')).status).toBe(201);
    });
  });

  describe('HTTP control surface', () => {
    const control = (method: string, path: string, body?: unknown) =>
      fetch(`${emulator.controlUrl}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });

    it('seeds, rotates a key and sets limits over HTTP; reset restores the seed with fresh keys', async () => {
      expect((await control('POST', '/seed', { repositories: [{ owner: 'acme', name: 'new', environments: ['qa'] }] })).status).toBe(200);
      const before = (await octokit.rest.actions.getEnvironmentPublicKey({ owner: 'acme', repo: 'new', environment_name: 'qa' })).data;
      const rotated = await control('POST', '/rotate-key', { repository: 'acme/new', environment: 'qa' });
      expect(rotated.status).toBe(200);
      const after = (await rotated.json()) as { key_id: string };
      expect(after.key_id).not.toBe(before.key_id);
      expect((await control('POST', '/rotate-key', { organization: 'nobody' })).status).toBe(400);

      expect((await control('PUT', '/github-rate-limits', { primary: { limit: 1 } })).status).toBe(200);
      await octokit.rest.repos.get(repo);
      expect((await failure(octokit.rest.repos.get(repo))).status).toBe(403);

      expect((await control('POST', '/reset')).status).toBe(200);
      expect((await octokit.rest.repos.get(repo)).headers['x-ratelimit-limit']).toBe('5000');
      expect((await failure(octokit.rest.repos.get({ owner: 'acme', repo: 'new' }))).status).toBe(404);
    });

    it('counts requests under Octokit method names', async () => {
      await putSecret('COUNTED');
      await failure(octokit.rest.actions.getRepoSecret({ ...repo, secret_name: 'ABSENT' }));
      const counts = (await (await control('GET', '/requests')).json()) as Record<string, number>;
      expect(counts).toEqual({ 'actions.getRepoPublicKey': 1, 'actions.createOrUpdateRepoSecret': 1, 'actions.getRepoSecret': 1 });
    });
  });

  describe('started as `npm run emulator -- gh` does', () => {
    it('seeds a token, an organization and a repository with environments from the flags', async () => {
      const cli = await EMULATORS['gh']({ port: 0, flags: { token: 'ghp_cli', org: 'cli-org', repo: 'cli-org/app', environments: 'prod,dev' } });
      try {
        const client = octokitFor(cli.url, 'ghp_cli');
        expect((await client.rest.repos.get({ owner: 'cli-org', repo: 'app' })).data.owner.type).toBe('Organization');
        expect((await client.rest.repos.getAllEnvironments({ owner: 'cli-org', repo: 'app' })).data.total_count).toBe(2);
        expect((await client.rest.actions.getOrgPublicKey({ org: 'cli-org' })).status).toBe(200);
      } finally {
        await cli.close();
      }
    });
  });
});

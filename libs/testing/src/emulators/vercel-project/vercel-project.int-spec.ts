import { MAX_VALUE_BYTES, RunningVercelProjectEmulator, startVercelProjectEmulator } from './index';

// Vercel has no SDK in scope (spec §0): these tests call the REST API with fetch, as a production adapter does.
const TOKEN = 'tok_personal_and_acme';

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { error?: Record<string, unknown> };
}

describe('vercel-project emulator over REST', () => {
  let emulator: RunningVercelProjectEmulator;

  beforeEach(async () => {
    emulator = await startVercelProjectEmulator({
      tokens: [
        { token: TOKEN, teamIds: ['team_acme'], userId: 'user_me' },
        { token: 'tok_outsider', teamIds: ['team_other'] },
      ],
      teams: [{ id: 'team_acme', slug: 'acme' }],
      projects: [
        { id: 'prj_site', name: 'site' },
        { id: 'prj_shop', name: 'shop', teamId: 'team_acme' },
      ],
    });
  });
  afterEach(() => emulator.close());

  async function call(method: string, path: string, body?: unknown, token: string | null = TOKEN): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    const response = await fetch(`${emulator.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
  }

  const create = (body: unknown, query = '') => call('POST', `/v10/projects/site/env${query}`, body);
  const listSite = async (query = '') => (await call('GET', `/v10/projects/prj_site/env${query}`)).body['envs'] as Record<string, unknown>[];
  const storedEnvs = () => (emulator.control.state() as { envs: Record<string, unknown>[] }).envs;

  describe('create, read, edit, delete', () => {
    it('creates one variable: 201 with the env object and an empty failed list', async () => {
      const before = Date.now();
      const answer = await create({ key: 'API_KEY', value: 's3cret', type: 'encrypted', target: ['production', 'preview'], comment: 'managed by vault-sync' });
      expect(answer.status).toBe(201);
      expect(answer.body['failed']).toEqual([]);
      const env = answer.body['created'] as Record<string, unknown>;
      expect(env).toMatchObject({
        id: expect.stringMatching(/^[A-Za-z0-9]{16}$/),
        key: 'API_KEY',
        type: 'encrypted',
        target: ['production', 'preview'],
        configurationId: null,
        comment: 'managed by vault-sync',
        customEnvironmentIds: [],
        createdBy: 'user_me',
        updatedBy: 'user_me',
        decrypted: false,
      });
      expect(env['value']).not.toBe('s3cret');
      expect(env['createdAt']).toBeGreaterThanOrEqual(before);
      expect(env['updatedAt']).toBe(env['createdAt']);
      expect(storedEnvs()).toMatchObject([{ id: env['id'], projectId: 'prj_site', value: 's3cret' }]);
    });

    it('answers an array body with an array, listing per-entry failures under 201', async () => {
      await create({ key: 'TAKEN', value: 'a', type: 'plain', target: ['production'] });
      const answer = await create([
        { key: 'FRESH', value: 'b', type: 'plain', target: ['development'] },
        { key: 'TAKEN', value: 'c', type: 'plain', target: ['production'] },
        { key: '9LIVES', value: 'd', type: 'plain', target: ['production'] },
      ]);
      expect(answer.status).toBe(201);
      expect(answer.body['created']).toEqual([expect.objectContaining({ key: 'FRESH', value: 'b' })]);
      expect(answer.body['failed']).toEqual([
        { error: expect.objectContaining({ code: 'ENV_ALREADY_EXISTS', key: 'TAKEN', envVarKey: 'TAKEN', target: ['production'] }) },
        { error: expect.objectContaining({ code: 'bad_request', key: '9LIVES', message: expect.stringContaining('Only letters, digits, and underscores') }) },
      ]);
      expect(storedEnvs().map((env) => env['key'])).toEqual(['TAKEN', 'FRESH']);
    });

    it('fails with 400 ENV_ALREADY_EXISTS or ENV_CONFLICT when nothing could be created, and upserts the same scope', async () => {
      await create({ key: 'DB_URL', value: 'one', type: 'encrypted', target: ['production', 'preview'] });

      const duplicate = await create({ key: 'DB_URL', value: 'two', type: 'encrypted', target: ['preview', 'production'] });
      expect(duplicate.status).toBe(400);
      expect(duplicate.body).toEqual({ error: expect.objectContaining({ code: 'ENV_ALREADY_EXISTS', message: expect.stringContaining('same Name and Environment') }) });

      const overlap = await create({ key: 'DB_URL', value: 'two', type: 'encrypted', target: ['production'] }, '?upsert=true');
      expect(overlap.status).toBe(400);
      expect(overlap.body['error']).toMatchObject({ code: 'ENV_CONFLICT', message: 'A variable with the name `DB_URL` already exists for the target production.' });

      const upserted = await create({ key: 'DB_URL', value: 'two', type: 'encrypted', target: ['preview', 'production'], comment: 'v2' }, '?upsert=true');
      expect(upserted.status).toBe(201);
      expect(storedEnvs()).toEqual([expect.objectContaining({ key: 'DB_URL', value: 'two', comment: 'v2' })]);
    });

    it('shows plain values, encrypted ones only when decrypted, and sensitive ones never', async () => {
      await create([
        { key: 'PLAIN', value: 'p', type: 'plain', target: ['development'] },
        { key: 'ENCRYPTED', value: 'e', type: 'encrypted', target: ['production'] },
        { key: 'SENSITIVE', value: 'x', type: 'sensitive', target: ['production'] },
      ]);
      const byKey = (envs: Record<string, unknown>[]) => Object.fromEntries(envs.map((env) => [env['key'], env]));

      const sealed = byKey(await listSite());
      expect(sealed['PLAIN']).toMatchObject({ value: 'p', decrypted: false });
      expect(sealed['ENCRYPTED']).toMatchObject({ value: expect.any(String), decrypted: false });
      expect(sealed['ENCRYPTED']['value']).not.toBe('e');
      expect(sealed['SENSITIVE']).not.toHaveProperty('value');

      const decrypted = byKey(await listSite('?decrypt=true'));
      expect(decrypted['ENCRYPTED']).toMatchObject({ value: 'e', decrypted: true });
      expect(decrypted['SENSITIVE']).not.toHaveProperty('value');

      const one = await call('GET', `/v1/projects/site/env/${(sealed['ENCRYPTED'] as { id: string }).id}`);
      expect(one).toMatchObject({ status: 200, body: { key: 'ENCRYPTED', value: 'e', decrypted: true } });
      const hidden = await call('GET', `/v1/projects/site/env/${(sealed['SENSITIVE'] as { id: string }).id}`);
      expect(hidden.status).toBe(200);
      expect(hidden.body).not.toHaveProperty('value');
    });

    it('filters the list by git branch and keeps branch records apart from the plain preview one', async () => {
      await create({ key: 'FLAG', value: 'all', type: 'plain', target: ['preview'] });
      expect((await create({ key: 'FLAG', value: 'feat', type: 'plain', target: ['preview'], gitBranch: 'feat' })).status).toBe(201);
      expect(await listSite('?gitBranch=feat')).toEqual([expect.objectContaining({ key: 'FLAG', value: 'feat', gitBranch: 'feat' })]);
      expect(await listSite()).toHaveLength(2);
      const misplaced = await create({ key: 'FLAG', value: 'x', type: 'plain', target: ['production'], gitBranch: 'feat' });
      expect(misplaced).toMatchObject({ status: 400, body: { error: { code: 'bad_request', message: expect.stringContaining('gitBranch') } } });
    });

    it('edits by id with PATCH /v9 and refuses an edit onto another record', async () => {
      const created = (await create([
        { key: 'A', value: '1', type: 'plain', target: ['production'] },
        { key: 'A', value: '2', type: 'plain', target: ['preview'] },
      ])).body['created'] as { id: string; updatedAt: number }[];
      await new Promise((r) => setTimeout(r, 5));

      const edited = await call('PATCH', `/v9/projects/site/env/${created[0].id}`, { value: '10', comment: 'owned' });
      expect(edited).toMatchObject({ status: 200, body: { id: created[0].id, key: 'A', value: '10', comment: 'owned', target: ['production'] } });
      expect(edited.body['updatedAt']).toBeGreaterThan(created[0].updatedAt);

      const clash = await call('PATCH', `/v9/projects/site/env/${created[1].id}`, { target: ['production'] });
      expect(clash).toMatchObject({ status: 400, body: { error: { code: 'ENV_ALREADY_EXISTS', envVarId: created[0].id } } });
      expect(await call('PATCH', '/v9/projects/site/env/nope', { value: 'x' })).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    });

    it('deletes by id with DELETE /v9, and several at once with DELETE /v1', async () => {
      const created = (await create([
        { key: 'A', value: '1', type: 'plain', target: ['production'] },
        { key: 'B', value: '2', type: 'plain', target: ['production'] },
        { key: 'C', value: '3', type: 'plain', target: ['production'] },
      ])).body['created'] as { id: string }[];

      expect(await call('DELETE', `/v9/projects/site/env/${created[0].id}`)).toMatchObject({ status: 200, body: { id: created[0].id, key: 'A' } });
      expect((await call('GET', `/v1/projects/site/env/${created[0].id}`)).status).toBe(404);
      expect((await call('DELETE', `/v9/projects/site/env/${created[0].id}`)).body['error']).toMatchObject({ code: 'not_found' });

      const batch = await call('DELETE', '/v1/projects/site/env', { ids: [created[1].id, created[2].id, 'missing'] });
      expect(batch).toMatchObject({ status: 200, body: { deleted: 2, ids: [created[1].id, created[2].id] } });
      expect(storedEnvs()).toEqual([]);
    });

    it('enforces the type, target and size rules with 400 bad_request', async () => {
      const cases = [
        { key: 'S', value: 'x', type: 'sensitive', target: ['development'] },
        { key: 'BIG', value: 'x'.repeat(MAX_VALUE_BYTES + 1), type: 'plain', target: ['production'] },
        { key: 'NO_TARGET', value: 'x', type: 'plain' },
        { key: 'BAD-NAME', value: 'x', type: 'plain', target: ['production'] },
      ];
      for (const body of cases) {
        expect(await create(body)).toMatchObject({ status: 400, body: { error: { code: 'bad_request', key: body.key } } });
      }
      expect(await create([])).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
      expect(storedEnvs()).toEqual([]);
    });

    it('serves only the API versions the spec gives', async () => {
      expect(await call('GET', '/v9/projects/site/env')).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
      expect((await call('POST', '/v9/projects/site/env', { key: 'A', value: '1', type: 'plain', target: ['production'] })).status).toBe(404);
    });
  });

  describe('team scoping and auth', () => {
    const shopEntry = { key: 'K', value: 'v', type: 'plain', target: ['production'] };

    it('finds a team project only with its teamId or slug', async () => {
      expect(await call('POST', '/v10/projects/shop/env', shopEntry)).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
      expect((await call('POST', '/v10/projects/shop/env?teamId=team_acme', shopEntry)).status).toBe(201);
      expect(await call('GET', '/v10/projects/prj_shop/env?slug=acme')).toMatchObject({ status: 200, body: { envs: [expect.objectContaining({ key: 'K' })] } });
      expect((await call('GET', '/v10/projects/prj_site/env?teamId=team_acme')).status).toBe(404);
    });

    it('is 403 forbidden for a team the token does not belong to', async () => {
      expect(await call('GET', '/v10/projects/shop/env?teamId=team_acme', undefined, 'tok_outsider')).toEqual(
        expect.objectContaining({ status: 403, body: { error: { code: 'forbidden', message: 'Not authorized' } } }),
      );
      expect((await call('GET', '/v10/projects/shop/env?slug=unknown')).status).toBe(403);
    });

    it('is 403 forbidden "Not authorized" for a bad or missing bearer token', async () => {
      for (const token of ['wrong', null]) {
        expect(await call('GET', '/v10/projects/site/env', undefined, token)).toMatchObject({ status: 403, body: { error: { code: 'forbidden', message: 'Not authorized' } } });
      }
      expect(emulator.control.requestCounts()).toEqual({ filterProjectEnvs: 2 });
    });
  });

  describe('control surface', () => {
    it('throttles with 429 rate_limited and the X-RateLimit headers (reset in epoch seconds)', async () => {
      await fetch(`${emulator.controlUrl}/rate-limit`, { method: 'PUT', body: JSON.stringify({ limit: 1, windowMs: 30_000, operation: 'filterProjectEnvs' }) });
      expect((await call('GET', '/v10/projects/site/env')).status).toBe(200);
      const throttled = await call('GET', '/v10/projects/site/env');
      const nowSeconds = Date.now() / 1000;
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('x-ratelimit-limit')).toBe('1');
      expect(throttled.headers.get('x-ratelimit-remaining')).toBe('0');
      const reset = Number(throttled.headers.get('x-ratelimit-reset'));
      expect(reset).toBeGreaterThan(nowSeconds + 25);
      expect(reset).toBeLessThan(nowSeconds + 32);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(29);
      expect(throttled.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String), limit: { remaining: 0, reset, resetMs: expect.any(Number), total: 1 } } });
      expect((await create({ key: 'A', value: '1', type: 'plain', target: ['production'] })).status).toBe(201);
    });

    it('injects 500 internal_server_error and connection resets, and reset restores the seeded state', async () => {
      await create({ key: 'A', value: '1', type: 'plain', target: ['production'] });
      await fetch(`${emulator.controlUrl}/faults`, { method: 'POST', body: JSON.stringify({ operation: 'createProjectEnv', status: 500, count: 1 }) });
      const failed = await create({ key: 'B', value: '2', type: 'plain', target: ['production'] });
      expect(failed).toMatchObject({ status: 500, body: { error: { code: 'internal_server_error' } } });

      emulator.control.injectFault({ connectionReset: true, count: 1 });
      await expect(listSite()).rejects.toThrow();

      await fetch(`${emulator.controlUrl}/reset`, { method: 'POST' });
      expect(storedEnvs()).toEqual([]);
      expect(await listSite()).toEqual([]);
      expect(emulator.control.requestCounts()).toEqual({ filterProjectEnvs: 1 });
    });

    it('seeds tokens, teams and projects through POST /__emulator/seed', async () => {
      const seeded = await fetch(`${emulator.controlUrl}/seed`, {
        method: 'POST',
        body: JSON.stringify({ tokens: [{ token: 'tok_new', teamIds: ['team_new'] }], teams: [{ id: 'team_new', slug: 'new' }], projects: [{ name: 'blog', teamId: 'team_new' }] }),
      });
      const { projects } = (await seeded.json()) as { projects: { id: string }[] };
      expect(projects).toEqual([{ id: expect.stringMatching(/^prj_/), name: 'blog', teamId: 'team_new' }]);
      const answer = await call('POST', `/v10/projects/${projects[0].id}/env?slug=new`, { key: 'A', value: '1', type: 'plain', target: ['production'] }, 'tok_new');
      expect(answer.status).toBe(201);
    });
  });
});

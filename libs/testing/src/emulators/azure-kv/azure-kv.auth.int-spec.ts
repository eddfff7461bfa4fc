import { ClientSecretCredential } from '@azure/identity';
import { bearerFor, credentialFor, failureOf, rawRequest, secretClient } from './azure-kv.fixtures';
import { challengeHeader, RunningAzureKvEmulator, startAzureKvEmulator } from '.';

const TENANT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const HOUR_MS = 60 * 60 * 1000;

describe('azure-kv emulator: the bearer challenge, the token authority and token checks', () => {
  let emulator: RunningAzureKvEmulator;

  beforeAll(async () => {
    emulator = await startAzureKvEmulator({ tenantId: TENANT, clientId: 'sync-app', clientSecret: 's3cret' });
  });
  afterAll(() => emulator.close());
  afterEach(() => {
    emulator.control.reset();
    emulator.authorityControl.reset();
  });

  it('answers a request without a token with 401 and the challenge naming the configured tenant (spec §2.1)', async () => {
    const response = await rawRequest(emulator, `${emulator.url}/secrets/x?api-version=7.4`, { method: 'PUT', headers: { 'content-length': '0' } });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe(`Bearer authorization="https://login.microsoftonline.com/${TENANT}", resource="https://vault.azure.net"`);
    expect(response.headers['www-authenticate']).toBe(challengeHeader(TENANT));
    expect(response.body).toEqual({ error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' } });
  });

  it('lets the SDK complete the challenge: a body-less first request, one token, then the replay with the body', async () => {
    const client = secretClient(emulator);
    await client.setSecret('first', 'written by the replay');
    expect(emulator.control.requestCounts()).toEqual({ SetSecret: 2 });
    expect(emulator.authorityControl.requestCounts()).toEqual({ GetOpenIdConfiguration: 1, RequestToken: 1 });
    await client.setSecret('second', 'v');
    expect((await client.getSecret('first')).value).toBe('written by the replay');
    expect(emulator.control.requestCounts()).toEqual({ SetSecret: 3, GetSecret: 1 });
    expect(emulator.authorityControl.requestCounts()).toEqual({ GetOpenIdConfiguration: 1, RequestToken: 1 });
  });

  it('serves an OpenID configuration whose issuer shares the origin the client used, and AAD errors for another tenant', async () => {
    const localhostAuthority = emulator.authorityHost.replace('127.0.0.1', 'localhost');
    const config = await rawRequest(emulator, `${localhostAuthority}/${TENANT}/v2.0/.well-known/openid-configuration`);
    expect(config.status).toBe(200);
    expect(config.body).toMatchObject({
      issuer: `${localhostAuthority}/${TENANT}/v2.0`,
      token_endpoint: `${localhostAuthority}/${TENANT}/oauth2/v2.0/token`,
      authorization_endpoint: `${localhostAuthority}/${TENANT}/oauth2/v2.0/authorize`,
      jwks_uri: `${localhostAuthority}/${TENANT}/discovery/v2.0/keys`,
    });
    const keys = await rawRequest(emulator, `${emulator.authorityHost}/${TENANT}/discovery/v2.0/keys`);
    expect(keys.body).toEqual({ keys: [expect.objectContaining({ kty: 'RSA', use: 'sig' })] });
    const unknown = await rawRequest(emulator, `${emulator.authorityHost}/not-my-tenant/v2.0/.well-known/openid-configuration`);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'invalid_tenant', error_codes: [90002], error_description: expect.stringMatching(/^AADSTS90002: Tenant 'not-my-tenant' not found/) });
  });

  it('works for clients that address both servers as localhost (ids follow the host the client used)', async () => {
    const localhost = { ...emulator, url: emulator.url.replace('127.0.0.1', 'localhost'), authorityHost: emulator.authorityHost.replace('127.0.0.1', 'localhost') };
    const written = await secretClient(localhost).setSecret('via-localhost', 'v');
    expect(written.properties.id).toMatch(/^https:\/\/localhost:\d+\/secrets\/via-localhost\/[0-9a-f]{32}$/);
  });

  it('rejects a wrong client secret at the token endpoint: identity surfaces AuthenticationRequiredError with invalid_client', async () => {
    const failure = await failureOf(secretClient(emulator, { clientSecret: 'wrong' }).getSecret('anything'));
    expect(failure.name).toBe('AuthenticationRequiredError');
    expect(failure.message).toMatch(/^invalid_client: .*AADSTS7000215: Invalid client secret provided\./s);
    expect(emulator.control.requestCounts()).toEqual({ GetSecret: 1 });
    expect(emulator.authorityControl.requestCounts()).toEqual({ GetOpenIdConfiguration: 1, RequestToken: 1 });
  });

  it('rejects an unknown client id and a scope other than the vault with their AAD errors', async () => {
    const unknownApp = new ClientSecretCredential(TENANT, 'someone-else', 's3cret', { authorityHost: emulator.authorityHost, disableInstanceDiscovery: true, tlsOptions: { ca: emulator.caPem } });
    const unknown = await failureOf(unknownApp.getToken('https://vault.azure.net/.default'));
    expect(unknown).toMatchObject({ name: 'AuthenticationRequiredError', message: expect.stringMatching(/^unauthorized_client: .*AADSTS700016: Application with identifier 'someone-else' was not found/s) });
    const otherResource = await failureOf(credentialFor(emulator).getToken('https://management.azure.com/.default'));
    expect(otherResource).toMatchObject({ name: 'AuthenticationRequiredError', message: expect.stringContaining('AADSTS500011') });
  });

  it('makes identity refuse a credential configured for another tenant than the challenge names (the tenant gotcha)', async () => {
    const failure = await failureOf(secretClient(emulator, { tenantId: 'another-tenant' }).getSecret('x'));
    expect(failure.message).toMatch(new RegExp(`^The current credential is not configured to acquire tokens for tenant ${TENANT}\\.`));
    expect(emulator.authorityControl.requestCounts()).toEqual({});
  });

  it('answers an expired token with 401 [TokenExpired] once the clock passes its expiry; a fresh credential works again', async () => {
    const client = secretClient(emulator);
    await client.setSecret('k', 'v');
    emulator.advanceClock(HOUR_MS);
    const expired = await failureOf(client.getSecret('k'));
    expect(expired).toMatchObject({ name: 'RestError', statusCode: 401, code: 'Unauthorized', message: "[TokenExpired] Error validating token: 'S2S12086'." });
    expect((await secretClient(emulator).getSecret('k')).value).toBe('v');
  });

  it('answers tokens it did not issue with 401, whatever credential produced them', async () => {
    const garbage = { getToken: async () => ({ token: 'not-a-jwt', expiresOnTimestamp: Date.now() + HOUR_MS }) };
    await expect(secretClient(emulator, {}, garbage).getSecret('k')).rejects.toMatchObject({
      name: 'RestError', statusCode: 401, code: 'Unauthorized', message: "[BearerReadAccessTokenFailed] Error validating token: 'S2S12005'.",
    });

    const stranger = await startAzureKvEmulator({ tenantId: TENANT, clientId: 'sync-app', clientSecret: 's3cret' });
    try {
      const foreign = await credentialFor(stranger).getToken('https://vault.azure.net/.default');
      const replayed = { getToken: async () => foreign };
      await expect(secretClient(emulator, {}, replayed).getSecret('k')).rejects.toMatchObject({
        statusCode: 401, code: 'Unauthorized', message: 'AKV10046: Unable to resolve the key used for signature validation.',
      });
    } finally {
      await stranger.close();
    }

    const rejected = await rawRequest(emulator, `${emulator.url}/secrets?api-version=7.4`, { headers: { authorization: 'Basic abc' } });
    expect(rejected.status).toBe(401);
    expect(rejected.headers['www-authenticate']).toBe(challengeHeader(TENANT));
    const accepted = await rawRequest(emulator, `${emulator.url}/secrets?api-version=7.4`, { headers: await bearerFor(emulator) });
    expect(accepted.status).toBe(200);
  });
});

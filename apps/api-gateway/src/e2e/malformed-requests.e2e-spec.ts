import { generateKeyPairSync } from 'node:crypto';
import { CREDENTIAL_SENTINEL, MALFORMED_DESTINATION_INPUTS, MalformedDestinationInput, VALID_DESTINATION_BODIES } from '@vault-sync/destinations-core';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { RunningVaultEmulator, startVaultEmulator } from '@vault-sync/testing/emulators/vault';
import { GatewayUnderTest, startGatewayUnderTest } from '../__fixtures__/gateway-under-test';
import { rawRequest } from '../__fixtures__/raw-request';

const TOKEN = 'malformed-token';
const BODY_LIMIT = 64 * 1024;
const JSON_TYPE = 'application/json';
const MERGE_PATCH = 'application/merge-patch+json';
const GH = '/v1/sys/sync/destinations/gh/web';
const SET = `${GH}/associations/set`;
const REMOVE = `${GH}/associations/remove`;
const APP = '/v1/sys/sync/github-apps/acme';
const PEM = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } }).privateKey;

interface HttpCase {
  title: string;
  method: string;
  path: string;
  contentType?: string;
  /** JSON-encoded. */
  body?: unknown;
  /** Sent as is, instead of `body`. */
  rawBody?: string;
  status: number;
  /** Text one of the errors must contain. */
  problem: string;
}

const json = (title: string, method: string, path: string, body: unknown, status: number, problem: string): HttpCase => ({
  title,
  method,
  path,
  contentType: method === 'PATCH' ? MERGE_PATCH : JSON_TYPE,
  body,
  status,
  problem,
});

const ASSOCIATION_BODY_CASES: HttpCase[] = [SET, REMOVE].flatMap((path) => [
  json('association body missing', 'POST', path, undefined, 400, 'mount: is required'),
  json('association body an array', 'POST', path, [{ mount: 'secret', secret_name: 'a' }], 400, 'body: must be a JSON object'),
  json('association body null', 'POST', path, null, 400, 'body: must be a JSON object'),
  json('mount missing', 'POST', path, { secret_name: 'app/db' }, 400, 'mount: is required'),
  json('secret_name missing', 'POST', path, { mount: 'secret' }, 400, 'secret_name: is required'),
  json('secret_name a folder', 'POST', path, { mount: 'secret', secret_name: 'app/' }, 400, 'secret_name: must name a secret, not a folder'),
  json('secret_name with ..', 'POST', path, { mount: 'secret', secret_name: 'app/../../sys/mounts' }, 400, 'secret_name: must be a secret path without empty, "." or ".." segments'),
  json('secret_name absolute', 'POST', path, { mount: 'secret', secret_name: '/app/db' }, 400, 'secret_name: must be relative to the mount'),
  json('secret_name empty', 'POST', path, { mount: 'secret', secret_name: '' }, 400, 'secret_name: is required'),
  json('secret_name not a string', 'POST', path, { mount: 'secret', secret_name: 42 }, 400, 'secret_name: must be a string'),
  json('secret_name with a control character', 'POST', path, { mount: 'secret', secret_name: 'app\u0000db' }, 400, 'secret_name: must not contain control characters'),
  json('mount ..', 'POST', path, { mount: '..', secret_name: 'app' }, 400, 'mount: must be a mount path without'),
  json('mount with an empty segment', 'POST', path, { mount: 'team//kv', secret_name: 'app' }, 400, 'mount: must be a mount path without'),
  json('unknown field', 'POST', path, { mount: 'secret', secret_name: 'app', name: 'app' }, 400, 'name: unknown field'),
]);

const GITHUB_APP_CASES: HttpCase[] = [
  json('github app without app_id', 'POST', '/v1/sys/sync/github-apps/new-app', { private_key: PEM }, 400, 'app_id: is required'),
  json('github app without private_key', 'POST', '/v1/sys/sync/github-apps/new-app', { app_id: 1 }, 400, 'private_key: is required'),
  json('github app with a non-numeric app_id', 'POST', '/v1/sys/sync/github-apps/new-app', { app_id: 'twelve', private_key: PEM }, 400, 'app_id: must be an integer'),
  json('github app with a negative app_id', 'POST', '/v1/sys/sync/github-apps/new-app', { app_id: -3, private_key: PEM }, 400, 'app_id: must be an integer'),
  json('github app with a bad PEM', 'POST', '/v1/sys/sync/github-apps/new-app', { app_id: 1, private_key: `${CREDENTIAL_SENTINEL}-not-a-pem` }, 400, 'private_key: must be a PEM-encoded RSA private key'),
  json('github app key replaced by a bad PEM', 'PUT', APP, { private_key: `-----BEGIN RSA PRIVATE KEY-----\n${CREDENTIAL_SENTINEL}\n-----END RSA PRIVATE KEY-----` }, 400, 'private_key: must be a PEM-encoded RSA private key'),
  json('github app_id changed', 'POST', APP, { app_id: 43 }, 400, 'app_id: cannot be changed'),
  json('github app_id changed as a string', 'PUT', APP, { app_id: '43', private_key: PEM }, 400, 'app_id: cannot be changed'),
  json('github app unknown field', 'POST', APP, { app_id: 42, installation_id: 7 }, 400, 'installation_id: unknown field'),
  json('github app name ..', 'POST', '/v1/sys/sync/github-apps/..', { app_id: 1, private_key: PEM }, 400, 'name: must be 1-128'),
  json('github app body an array', 'POST', APP, [], 400, 'body: must be a JSON object'),
  json('gh destination naming a missing GitHub app', 'POST', '/v1/sys/sync/destinations/gh/with-app', { repository_owner: 'acme', repository_name: 'web', app_name: 'nope', installation_id: 5 }, 400, 'app_name: GitHub app nope does not exist'),
];

const HTTP_CASES: HttpCase[] = [
  { title: 'invalid JSON', method: 'POST', path: GH, contentType: JSON_TYPE, rawBody: '{"access_token": "sentinel-x",', status: 400, problem: 'request body must be valid JSON' },
  { title: 'invalid JSON in a patch', method: 'PATCH', path: GH, contentType: MERGE_PATCH, rawBody: '{sentinel}', status: 400, problem: 'request body must be valid JSON' },
  { title: 'invalid JSON in an association', method: 'POST', path: SET, contentType: JSON_TYPE, rawBody: 'mount=secret', status: 400, problem: 'request body must be valid JSON' },
  { title: 'a __proto__ key', method: 'POST', path: GH, contentType: JSON_TYPE, rawBody: '{"__proto__": {"admin": true}}', status: 400, problem: 'request body must be valid JSON' },
  { title: 'XML content type', method: 'POST', path: GH, contentType: 'application/xml', rawBody: '<a/>', status: 415, problem: 'unsupported Content-Type "application/xml"' },
  { title: 'multipart content type', method: 'PUT', path: GH, contentType: 'multipart/form-data; boundary=x', rawBody: '--x--', status: 415, problem: 'unsupported Content-Type' },
  { title: 'PATCH as application/json', method: 'PATCH', path: GH, contentType: JSON_TYPE, rawBody: '{}', status: 415, problem: 'PATCH requires Content-Type application/merge-patch+json' },
  { title: 'PATCH without a content type', method: 'PATCH', path: GH, rawBody: '{}', status: 415, problem: 'PATCH requires Content-Type' },
  { title: 'config PATCH as application/json', method: 'PATCH', path: '/v1/sys/sync/config', contentType: JSON_TYPE, rawBody: '{"disabled":true}', status: 415, problem: 'PATCH requires' },
  {
    title: 'body over the limit',
    method: 'POST',
    path: GH,
    contentType: JSON_TYPE,
    body: { ...VALID_DESTINATION_BODIES.gh, access_token: `sentinel${'x'.repeat(BODY_LIMIT)}` },
    status: 413,
    problem: `request body is larger than ${BODY_LIMIT} bytes`,
  },
  json('unknown destination type', 'POST', '/v1/sys/sync/destinations/s3/web', VALID_DESTINATION_BODIES.gh, 400, 'type: unsupported destination type'),
  json('unknown destination type on read', 'GET', '/v1/sys/sync/destinations/S3/web', undefined, 400, 'type: unsupported destination type'),
  json('unknown destination type on list', 'GET', '/v1/sys/sync/destinations/nope?list=true', undefined, 400, 'type: unsupported destination type'),
  json('name ..', 'POST', '/v1/sys/sync/destinations/gh/..', VALID_DESTINATION_BODIES.gh, 400, 'name: must be 1-128'),
  json('name %2E%2E', 'POST', '/v1/sys/sync/destinations/gh/%2E%2E', VALID_DESTINATION_BODIES.gh, 400, 'name: must be 1-128'),
  json('name with %2F', 'POST', '/v1/sys/sync/destinations/gh/team%2Fprod', VALID_DESTINATION_BODIES.gh, 400, 'name: must be 1-128'),
  json('name with %2F..%2F', 'PUT', '/v1/sys/sync/destinations/gh/x%2F..%2F..%2Fconfig', VALID_DESTINATION_BODIES.gh, 400, 'name: must be 1-128'),
  json('name with a NUL', 'POST', '/v1/sys/sync/destinations/gh/a%00b', VALID_DESTINATION_BODIES.gh, 400, 'name: must be 1-128'),
  json('name with a space', 'POST', '/v1/sys/sync/destinations/gh/a%20b', VALID_DESTINATION_BODIES.gh, 400, 'name: must be 1-128'),
  json('name of 200 characters', 'POST', `/v1/sys/sync/destinations/gh/${'a'.repeat(200)}`, VALID_DESTINATION_BODIES.gh, 400, 'name: must be 1-128'),
  json('name .. on delete', 'DELETE', '/v1/sys/sync/destinations/gh/..?force_delete=true', undefined, 400, 'name: must be 1-128'),
  json('name .. on associations', 'POST', '/v1/sys/sync/destinations/gh/../associations/set', { mount: 'secret', secret_name: 'a' }, 400, 'name: must be 1-128'),
  json('bad percent-encoding in the path', 'GET', '/v1/sys/sync/associations/secret/%E0%A4%A', undefined, 400, 'percent-encoding'),
  json('purge not a boolean', 'DELETE', `${GH}?purge=maybe`, undefined, 400, 'query parameter purge: must be a boolean'),
  json('force_delete not a boolean', 'DELETE', `${GH}?force_delete=2`, undefined, 400, 'query parameter force_delete: must be a boolean'),
  json('purge empty', 'DELETE', `${GH}?purge=`, undefined, 400, 'query parameter purge: must be a boolean'),
  json('purge given twice', 'DELETE', `${GH}?purge=true&purge=false`, undefined, 400, 'query parameter purge: must be a boolean'),
  json('unknown query parameter on delete', 'DELETE', `${GH}?cascade=true`, undefined, 400, 'query parameter cascade: unknown query parameter'),
  json('unknown query parameter on write', 'POST', `${GH}?purge=true`, VALID_DESTINATION_BODIES.gh, 400, 'query parameter purge: unknown query parameter'),
  json('unknown query parameter on read', 'GET', `${GH}?version=2`, undefined, 400, 'query parameter version: unknown query parameter'),
  json('list not a boolean', 'GET', '/v1/sys/sync/destinations?list=maybe', undefined, 400, 'query parameter list: must be a boolean'),
  json('secret query without mount', 'GET', '/v1/sys/sync/associations/destinations?secret_name=app', undefined, 400, 'query parameter mount: is required'),
  json('secret query without secret_name', 'GET', '/v1/sys/sync/associations/destinations?mount=secret', undefined, 400, 'query parameter secret_name: is required'),
  json('secret query with a folder', 'GET', '/v1/sys/sync/associations/destinations?mount=secret&secret_name=app/', undefined, 400, 'secret_name: must name a secret'),
  json('config disabled not a boolean', 'PATCH', '/v1/sys/sync/config', { disabled: 'maybe' }, 400, 'disabled: must be a boolean'),
  json('config queue_capacity zero', 'PATCH', '/v1/sys/sync/config', { queue_capacity: 0 }, 400, 'queue_capacity: must be an integer from 1'),
  json('config queue_capacity negative', 'PATCH', '/v1/sys/sync/config', { queue_capacity: -5 }, 400, 'queue_capacity: must be an integer from 1'),
  json('config queue_capacity fractional', 'PATCH', '/v1/sys/sync/config', { queue_capacity: 2.5 }, 400, 'queue_capacity: must be an integer from 1'),
  json('config queue_capacity words', 'PATCH', '/v1/sys/sync/config', { queue_capacity: 'lots' }, 400, 'queue_capacity: must be an integer from 1'),
  json('config unknown field', 'PATCH', '/v1/sys/sync/config', { paused: true }, 400, 'paused: unknown field'),
  json('config body an array', 'PATCH', '/v1/sys/sync/config', [], 400, 'body: must be a JSON object'),
  ...ASSOCIATION_BODY_CASES,
  ...GITHUB_APP_CASES,
];

describe('malformed requests are refused with 4xx, a message naming the problem, and no change', () => {
  let redis: TestRedis;
  let vault: RunningVaultEmulator;
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    redis = await createTestRedis();
    vault = await startVaultEmulator();
    gateway = await startGatewayUnderTest({ redis, vault, auth: { mode: 'static', tokens: [TOKEN] }, bodyLimitBytes: BODY_LIMIT });
    await gateway.client(TOKEN).write('sys/sync/destinations/gh/web', VALID_DESTINATION_BODIES.gh);
    await gateway.client(TOKEN).write('sys/sync/github-apps/acme', { app_id: 42, private_key: PEM });
  });

  afterAll(async () => {
    await gateway.close();
    await vault.close();
    await redis.cleanup();
  });

  async function send(request: HttpCase) {
    const body = request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
    const headers: Record<string, string> = { 'x-vault-token': TOKEN, ...(request.contentType === undefined ? {} : { 'content-type': request.contentType }) };
    return rawRequest(gateway.port, { method: request.method, path: request.path, headers, body });
  }

  async function expectRefusedWithoutChange(request: HttpCase): Promise<void> {
    const before = await gateway.snapshot();
    const response = await send(request);
    expect(response.status).toBe(request.status);
    const { errors } = JSON.parse(response.body) as { errors: string[] };
    expect(errors.join('\n')).toContain(request.problem);
    expect(response.body).not.toContain(CREDENTIAL_SENTINEL);
    expect(await gateway.snapshot()).toEqual(before);
  }

  /** A destination table row as an HTTP request; an update row first creates its destination under its own name. */
  async function destinationRequest(row: MalformedDestinationInput, index: number): Promise<HttpCase> {
    const name = row.name ?? `row-${index}`;
    const path = `/v1/sys/sync/destinations/${row.kind}/${encodeURIComponent(name)}`;
    if (row.update !== undefined) await gateway.client(TOKEN).write(`sys/sync/destinations/${row.kind}/${name}`, row.update.existing);
    const patch = row.update?.mode === 'merge-patch';
    return { title: row.title, method: patch ? 'PATCH' : 'POST', path, contentType: patch ? MERGE_PATCH : JSON_TYPE, body: row.body, status: 400, problem: row.problem };
  }

  it('has over a hundred cases', () => {
    expect(MALFORMED_DESTINATION_INPUTS.length + HTTP_CASES.length).toBeGreaterThanOrEqual(150);
  });

  it.each(MALFORMED_DESTINATION_INPUTS.map((row, index) => [`${row.kind}: ${row.title}`, row, index] as const))('destination write, %s', async (_title, row, index) => {
    await expectRefusedWithoutChange(await destinationRequest(row, index));
  });

  it.each(HTTP_CASES.map((request) => [request.title, request] as const))('HTTP, %s', async (_title, request) => {
    await expectRefusedWithoutChange(request);
  });
});

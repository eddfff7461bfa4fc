import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { connect } from 'node:tls';
import { promisify } from 'node:util';
import { bearerFor, rawRequest } from './azure-kv.fixtures';
import { RunningAzureKvEmulator, startAzureKvEmulator, SUPPORTED_API_VERSIONS } from '.';

describe('azure-kv emulator: wire details below the SDK', () => {
  let emulator: RunningAzureKvEmulator;
  let headers: Record<string, string>;

  beforeAll(async () => {
    emulator = await startAzureKvEmulator();
    headers = await bearerFor(emulator);
  });
  afterAll(() => emulator.close());
  afterEach(() => emulator.control.reset());

  const call = (method: string, pathAndQuery: string, body?: unknown) =>
    rawRequest(emulator, `${emulator.url}${pathAndQuery}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });

  it('reads api-version from the percent-encoded key the SDK sends and from the plain one', async () => {
    expect((await call('PUT', '/secrets/q?api%2Dversion=2025-07-01', { value: 'v' })).status).toBe(200);
    expect((await call('GET', '/secrets/q/?api-version=7.4')).body).toMatchObject({ value: 'v' });
  });

  it.each(SUPPORTED_API_VERSIONS)('accepts api-version %s', async (version) => {
    expect((await call('GET', `/secrets?api-version=${version}`)).status).toBe(200);
  });

  it('answers an unknown or missing api-version with 400 BadParameter', async () => {
    expect(await call('GET', '/secrets?api-version=2099-01-01')).toMatchObject({
      status: 400,
      body: { error: { code: 'BadParameter', message: 'The specified version (2099-01-01) is not recognized. Consider using the latest supported version (2025-07-01).' } },
    });
    expect(await call('GET', '/secrets')).toMatchObject({ status: 400, body: { error: { code: 'BadParameter' } } });
  });

  it('addresses the latest version with an empty version segment (trailing slash) or none, for GET and PATCH', async () => {
    await call('PUT', '/secrets/latest?api-version=7.4', { value: 'v1', attributes: {} });
    const second = await call('PUT', '/secrets/latest?api-version=7.4', { value: 'v2', tags: { t: '1' }, attributes: { enabled: true } });
    const id = (second.body as { id: string }).id;
    expect(id).toMatch(new RegExp(`^${emulator.url}/secrets/latest/[0-9a-f]{32}$`));
    expect((await call('GET', '/secrets/latest/?api-version=7.4')).body).toMatchObject({ id, value: 'v2' });
    expect((await call('GET', '/secrets/latest?api-version=7.4')).body).toMatchObject({ id, value: 'v2' });
    const patched = await call('PATCH', '/secrets/latest/?api-version=7.4', { tags: { t: '2' } });
    expect(patched.body).toEqual({ id, tags: { t: '2' }, attributes: expect.objectContaining({ enabled: true, recoveryLevel: 'Recoverable+Purgeable' }) });
  });

  it('pages with maxresults up to 25 and an absolute nextLink', async () => {
    for (const name of ['a', 'b', 'c']) await call('PUT', `/secrets/${name}?api-version=7.4`, { value: name });
    const first = await call('GET', '/secrets?api-version=7.4&maxresults=2');
    const { value, nextLink } = first.body as { value: { id: string }[]; nextLink: string };
    expect(value.map((item) => item.id)).toEqual([`${emulator.url}/secrets/a`, `${emulator.url}/secrets/b`]);
    expect(nextLink).toMatch(new RegExp(`^${emulator.url}/secrets\\?api-version=7\\.4&\\$skiptoken=[\\w-]+&maxresults=2$`));
    expect((await rawRequest(emulator, nextLink, { headers })).body).toEqual({ value: [expect.objectContaining({ id: `${emulator.url}/secrets/c` })], nextLink: null });
    expect(await call('GET', '/secrets?api-version=7.4&maxresults=26')).toMatchObject({ status: 400, body: { error: { code: 'BadParameter' } } });
  });

  it('answers a body that is not a JSON object, or lacks a string value, with 400 BadParameter', async () => {
    const notJson = await rawRequest(emulator, `${emulator.url}/secrets/j?api-version=7.4`, { method: 'PUT', headers, body: '{not json' });
    expect(notJson).toMatchObject({ status: 400, body: { error: { code: 'BadParameter' } } });
    expect(await call('PUT', '/secrets/j?api-version=7.4', { value: 42 })).toMatchObject({ status: 400, body: { error: { code: 'BadParameter' } } });
    expect(await call('PUT', '/secrets/j?api-version=7.4', { value: 'v', attributes: { enabled: 'yes' } })).toMatchObject({ status: 400 });
  });

  it('answers paths it does not serve with 404 in the Key Vault error shape', async () => {
    expect(await call('GET', '/keys/k?api-version=7.4')).toMatchObject({ status: 404, body: { error: { code: 'NotFound' } } });
  });

  it('serves TLS with a certificate for the loopback names, signed by the CA whose PEM and path it exposes', async () => {
    expect(await readFile(emulator.caPath)).toEqual(emulator.caPem);
    const ca = new X509Certificate(emulator.caPem);
    expect(ca.ca).toBe(true);
    const served = await new Promise<X509Certificate>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: Number(new URL(emulator.url).port), ca: emulator.caPem, servername: 'localhost' }, () => {
        const peer = socket.getPeerX509Certificate();
        if (peer) resolve(peer);
        else reject(new Error('no peer certificate'));
        socket.end();
      });
      socket.on('error', reject);
    });
    expect(served.checkIssued(ca)).toBe(true);
    expect(served.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
  });

  it('is trusted by a Node process started with NODE_EXTRA_CA_CERTS pointing at caPath', async () => {
    const probe = `const done = (text) => process.stdout.write(text, () => process.exit(0));
      require('node:https').get(process.argv[1], (r) => done(String(r.statusCode))).on('error', (e) => done(e.code));`;
    const url = `${emulator.authorityHost}/${emulator.tenantId}/v2.0/.well-known/openid-configuration`;
    const trusted = await promisify(execFile)(process.execPath, ['-e', probe, url], { env: { ...process.env, NODE_EXTRA_CA_CERTS: emulator.caPath } });
    expect(trusted.stdout).toBe('200');
    const untrusted = await promisify(execFile)(process.execPath, ['-e', probe, url], { env: { ...process.env, NODE_EXTRA_CA_CERTS: '' } });
    expect(untrusted.stdout).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('removes its certificate folder on close', async () => {
    const other = await startAzureKvEmulator();
    expect((await stat(other.caPath)).isFile()).toBe(true);
    await other.close();
    await expect(stat(other.caPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

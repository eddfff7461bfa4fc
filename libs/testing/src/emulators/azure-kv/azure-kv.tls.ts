import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A throw-away certificate authority and the server certificate it signed, kept in a temp folder. */
export interface GeneratedCertificates {
  folder: string;
  /** Trust this in clients: NODE_EXTRA_CA_CERTS=caPath at process start, or `ca` of an https Agent / tlsOptions. */
  caPath: string;
  caPem: Buffer;
  serverKey: Buffer;
  serverCert: Buffer;
  remove(): Promise<void>;
}

/** SANs for the names clients use: localhost and the loopback addresses, plus the bind host when it is another one. */
export function subjectAltNames(host: string | undefined): string {
  const names = new Set(['DNS:localhost', 'IP:127.0.0.1', 'IP:::1']);
  if (host && host !== '0.0.0.0' && host !== '::') names.add(isIP(host) ? `IP:${host}` : `DNS:${host}`);
  return [...names].join(',');
}

/**
 * MSAL only talks to an https authority (spec §2.1), so the emulator serves TLS with a certificate made at start
 * by the openssl CLI: a CA (which clients trust) and a server certificate for the loopback names.
 */
export async function generateCertificates(host: string | undefined, openssl = 'openssl'): Promise<GeneratedCertificates> {
  const folder = await mkdtemp(join(tmpdir(), 'azure-kv-emulator-'));
  const path = (file: string) => join(folder, file);
  const remove = () => rm(folder, { recursive: true, force: true });
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    await run(openssl, ['req', '-x509', ...ecKey, '-keyout', path('ca.key'), '-out', path('ca.pem'), '-days', '7',
      '-subj', '/CN=vault-sync azure-kv emulator CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    await run(openssl, ['req', ...ecKey, '-keyout', path('server.key'), '-out', path('server.csr'), '-subj', '/CN=localhost']);
    await writeFile(path('server.ext'), [
      `subjectAltName=${subjectAltNames(host)}`,
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
    ].join('\n'));
    await run(openssl, ['x509', '-req', '-in', path('server.csr'), '-CA', path('ca.pem'), '-CAkey', path('ca.key'), '-CAcreateserial',
      '-out', path('server.pem'), '-days', '7', '-extfile', path('server.ext')]);
    const [caPem, serverKey, serverCert] = await Promise.all([readFile(path('ca.pem')), readFile(path('server.key')), readFile(path('server.pem'))]);
    return { folder, caPath: path('ca.pem'), caPem, serverKey, serverCert, remove };
  } catch (error) {
    await remove();
    const detail = (error as { stderr?: string }).stderr?.trim() || (error instanceof Error ? error.message : String(error));
    throw new Error(`could not generate the emulator certificate with ${openssl}: ${detail}`);
  }
}

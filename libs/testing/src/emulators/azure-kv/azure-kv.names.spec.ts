import { KeyVaultError } from './azure-kv.errors';
import { assertApiVersion, assertSecretName, pageSizeOf, SUPPORTED_API_VERSIONS } from './azure-kv.names';
import { subjectAltNames } from './azure-kv.tls';
import { page } from './azure-kv.view';

function badParameterOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof KeyVaultError && error.status === 400 && error.code === 'BadParameter') return error.message;
    throw error;
  }
  throw new Error('expected BadParameter');
}

describe('azure-kv rules', () => {
  it('accepts names of 1–127 letters, digits and hyphens only', () => {
    for (const name of ['a', 'A-1', '0starts-with-digit', 'x'.repeat(127)]) expect(() => assertSecretName(name)).not.toThrow();
    for (const name of ['', 'x'.repeat(128), 'has_underscore', 'has.dot', 'has space', 'ünïcode']) {
      expect(badParameterOf(() => assertSecretName(name))).toBe(`The request URI contains an invalid name: ${name}`);
    }
  });

  it('reads api-version whether the key arrives percent-encoded (api%2Dversion, as the SDK sends it) or not', () => {
    expect(assertApiVersion(new URLSearchParams('api%2Dversion=7.4'))).toBe('7.4');
    expect(assertApiVersion(new URLSearchParams('api-version=2025-07-01'))).toBe('2025-07-01');
    for (const version of SUPPORTED_API_VERSIONS) expect(assertApiVersion(new URLSearchParams({ 'api-version': version }))).toBe(version);
    expect(badParameterOf(() => assertApiVersion(new URLSearchParams('api-version=2099-01-01')))).toMatch(/^The specified version \(2099-01-01\) is not recognized/);
    expect(badParameterOf(() => assertApiVersion(new URLSearchParams('')))).toMatch(/api-version/);
  });

  it('takes maxresults from 1 to 25, 25 by default', () => {
    expect(pageSizeOf(new URLSearchParams(''))).toBe(25);
    expect(pageSizeOf(new URLSearchParams('maxresults=3'))).toBe(3);
    for (const raw of ['0', '26', 'x', '2.5']) expect(badParameterOf(() => pageSizeOf(new URLSearchParams({ maxresults: raw })))).toMatch(/maxresults/);
  });

  it('pages by key with an absolute nextLink carrying api-version, $skiptoken and maxresults', () => {
    const request = { vaultUrl: 'https://localhost:1', path: '/secrets', apiVersion: '7.4', pageSize: 2, skipToken: null };
    const first = page(['a', 'b', 'c'], (s) => s, request);
    expect(first.items).toEqual(['a', 'b']);
    const next = new URL(String(first.nextLink));
    expect(`${next.origin}${next.pathname}`).toBe('https://localhost:1/secrets');
    expect(next.searchParams.get('api-version')).toBe('7.4');
    expect(next.searchParams.get('maxresults')).toBe('2');
    expect(next.search).toContain('&$skiptoken=');
    const second = page(['a', 'b', 'c'], (s) => s, { ...request, skipToken: next.searchParams.get('$skiptoken') });
    expect(second).toEqual({ items: ['c'], nextLink: null });
  });

  it('puts the loopback names and any other bind host in the certificate SANs', () => {
    expect(subjectAltNames(undefined)).toBe('DNS:localhost,IP:127.0.0.1,IP:::1');
    expect(subjectAltNames('127.0.0.1')).toBe('DNS:localhost,IP:127.0.0.1,IP:::1');
    expect(subjectAltNames('10.1.2.3')).toBe('DNS:localhost,IP:127.0.0.1,IP:::1,IP:10.1.2.3');
    expect(subjectAltNames('emulator.test')).toBe('DNS:localhost,IP:127.0.0.1,IP:::1,DNS:emulator.test');
    expect(subjectAltNames('0.0.0.0')).toBe('DNS:localhost,IP:127.0.0.1,IP:::1');
  });
});

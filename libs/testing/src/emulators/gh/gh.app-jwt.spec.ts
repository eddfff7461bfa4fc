import { BAD_IAT, EXPIRED_JWT, JWT_TOO_LONG, publicKeyFromPem, UNDECODABLE_JWT, verifyAppJwt } from './gh.app-jwt';
import { newAppKeys, signAppJwt } from './gh.test-kit';

describe('verifyAppJwt', () => {
  const keys = newAppKeys();
  const app = { appId: 12, publicKey: publicKeyFromPem(keys.publicKeyPem) };
  const findApp = (issuer: string) => (issuer === '12' ? app : undefined);
  const now = () => Math.floor(Date.now() / 1000);
  const verifyNow = (jwt: string) => verifyAppJwt(jwt, findApp, now());

  it('accepts an RS256 JWT signed by the app with iat back-dated and exp within 10 minutes', () => {
    expect(verifyNow(signAppJwt(12, keys.privateKey))).toEqual({ ok: { appId: 12 } });
    expect(verifyNow(signAppJwt(12, keys.privateKey, { iat: now() - 60, exp: now() + 600 }))).toEqual({ ok: { appId: 12 } });
  });

  it('refuses a wrong signature, a tampered payload, an unknown issuer and garbage as undecodable', () => {
    expect(verifyNow(signAppJwt(12, newAppKeys().privateKey))).toEqual({ error: UNDECODABLE_JWT });
    const [header, , signature] = signAppJwt(12, keys.privateKey).split('.');
    const forged = Buffer.from(JSON.stringify({ iss: 12, iat: now(), exp: now() + 60 })).toString('base64url');
    expect(verifyNow(`${header}.${forged}.${signature}`)).toEqual({ error: UNDECODABLE_JWT });
    expect(verifyNow(signAppJwt(13, keys.privateKey))).toEqual({ error: UNDECODABLE_JWT });
    expect(verifyNow('a.b.c')).toEqual({ error: UNDECODABLE_JWT });
  });

  it('refuses alg "none" even with a known issuer', () => {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    expect(verifyNow(`${encode({ alg: 'none' })}.${encode({ iss: 12, iat: now(), exp: now() + 60 })}.`)).toEqual({ error: UNDECODABLE_JWT });
  });

  it('checks the claims with GitHub messages: expired, too long-lived, iat in the future', () => {
    expect(verifyNow(signAppJwt(12, keys.privateKey, { iat: now() - 700, exp: now() - 1 }))).toEqual({ error: EXPIRED_JWT });
    expect(verifyNow(signAppJwt(12, keys.privateKey, { exp: now() + 601 }))).toEqual({ error: JWT_TOO_LONG });
    expect(verifyNow(signAppJwt(12, keys.privateKey, { iat: now() + 120 }))).toEqual({ error: BAD_IAT });
  });
});

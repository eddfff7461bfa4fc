import { EmulatorClock } from '../core/clock';
import { TokenSigner, VAULT_RESOURCE } from './azure-kv.tokens';

const TENANT = '11111111-2222-4333-8444-555555555555';
const SUBJECT = { tenantId: TENANT, clientId: 'client-1', objectId: 'object-1' };

describe('TokenSigner', () => {
  let clock: EmulatorClock;
  let signer: TokenSigner;
  beforeAll(async () => {
    clock = new EmulatorClock();
    signer = await TokenSigner.create(clock);
  });
  afterEach(() => clock.reset());

  it('issues RS256 v1.0 tokens for the vault audience that it verifies, and publishes its key', () => {
    const token = signer.issue(SUBJECT, VAULT_RESOURCE, 3599);
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as Record<string, unknown>;
    expect(header).toMatchObject({ typ: 'JWT', alg: 'RS256', kid: signer.keyId });
    const verdict = signer.verify(token, TENANT);
    expect(verdict).toEqual({ claims: expect.objectContaining({ aud: VAULT_RESOURCE, iss: `https://sts.windows.net/${TENANT}/`, tid: TENANT, appid: 'client-1', ver: '1.0' }) });
    const claims = (verdict as { claims: { iat: number; exp: number } }).claims;
    expect(claims.exp - claims.iat).toBe(3599);
    expect(signer.jwks().keys).toEqual([expect.objectContaining({ kty: 'RSA', kid: signer.keyId, use: 'sig', n: expect.any(String), e: 'AQAB' })]);
  });

  it('rejects expired tokens by the emulator clock', () => {
    const token = signer.issue(SUBJECT, VAULT_RESOURCE, 60);
    clock.advance(59_000);
    expect(signer.verify(token, TENANT)).toHaveProperty('claims');
    clock.advance(1_000);
    expect(signer.verify(token, TENANT)).toEqual({ reason: 'expired' });
  });

  it('rejects another audience, another tenant, a tampered payload, a foreign key and non-JWT strings', async () => {
    expect(signer.verify(signer.issue(SUBJECT, 'https://management.azure.com', 60), TENANT)).toEqual({ reason: 'audience', found: 'https://management.azure.com' });
    expect(signer.verify(signer.issue({ ...SUBJECT, tenantId: 'other' }, VAULT_RESOURCE, 60), TENANT)).toEqual({
      reason: 'issuer',
      expected: `https://sts.windows.net/${TENANT}/`,
      found: 'https://sts.windows.net/other/',
    });
    const [header, payload, signature] = signer.issue(SUBJECT, VAULT_RESOURCE, 60).split('.');
    const forged = Buffer.from(Buffer.from(payload, 'base64url').toString().replace('client-1', 'client-2')).toString('base64url');
    expect(signer.verify(`${header}.${forged}.${signature}`, TENANT)).toEqual({ reason: 'unknown-key' });
    const foreign = await TokenSigner.create(clock);
    expect(signer.verify(foreign.issue(SUBJECT, VAULT_RESOURCE, 60), TENANT)).toEqual({ reason: 'unknown-key' });
    expect(signer.verify('not-a-token', TENANT)).toEqual({ reason: 'malformed' });
    expect(signer.verify('a.b.c', TENANT)).toEqual({ reason: 'malformed' });
  });

  it('rejects tokens that are not yet valid beyond the allowed skew', () => {
    clock.advance(10 * 60_000);
    const token = signer.issue(SUBJECT, VAULT_RESOURCE, 3599);
    clock.reset();
    expect(signer.verify(token, TENANT)).toEqual({ reason: 'not-yet-valid' });
  });
});

import { createHash, generateKeyPair, KeyObject, randomUUID, sign, verify } from 'node:crypto';
import { promisify } from 'node:util';
import { EmulatorClock } from '../core/clock';

/** The one audience Key Vault accepts (spec §2.1: the challenge's `resource`). */
export const VAULT_RESOURCE = 'https://vault.azure.net';
/** Issuer of v1.0 access tokens, the kind Key Vault receives, and the one it checks against its tenant. */
export const stsIssuer = (tenantId: string) => `https://sts.windows.net/${tenantId}/`;
/** Clock skew Azure tolerates on `nbf`. */
const NOT_BEFORE_SKEW_SECONDS = 300;

export interface AccessTokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  appid: string;
  appidacr: '1';
  idp: string;
  oid: string;
  sub: string;
  tid: string;
  uti: string;
  ver: '1.0';
}

export type TokenRejection =
  | { reason: 'malformed' }
  | { reason: 'unknown-key' }
  | { reason: 'audience'; found: string }
  | { reason: 'issuer'; expected: string; found: string }
  | { reason: 'expired' }
  | { reason: 'not-yet-valid' };

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Signs RS256 access tokens like AAD's and verifies them like Key Vault: signature by a key this authority
 * published, audience, issuer (the vault's tenant), `exp` and `nbf` against the emulator clock.
 */
export class TokenSigner {
  /** Also the JWT `kid`/`x5t`: the thumbprint of the public key. */
  readonly keyId: string;

  private constructor(
    private readonly privateKey: KeyObject,
    private readonly publicKey: KeyObject,
    private readonly clock: EmulatorClock,
  ) {
    this.keyId = createHash('sha1').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url');
  }

  static async create(clock: EmulatorClock): Promise<TokenSigner> {
    const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
    return new TokenSigner(privateKey, publicKey, clock);
  }

  issue(subject: { tenantId: string; clientId: string; objectId: string }, audience: string, lifetimeSeconds: number): string {
    const now = this.clock.nowSeconds();
    const issuer = stsIssuer(subject.tenantId);
    const claims: AccessTokenClaims = {
      aud: audience,
      iss: issuer,
      iat: now,
      nbf: now,
      exp: now + lifetimeSeconds,
      appid: subject.clientId,
      appidacr: '1',
      idp: issuer,
      oid: subject.objectId,
      sub: subject.objectId,
      tid: subject.tenantId,
      uti: base64url(randomUUID()).slice(0, 22),
      ver: '1.0',
    };
    const signingInput = `${base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5t: this.keyId, kid: this.keyId }))}.${base64url(JSON.stringify(claims))}`;
    return `${signingInput}.${base64url(sign('sha256', Buffer.from(signingInput), this.privateKey))}`;
  }

  /** The JWKS document (`jwks_uri`) with the one signing key. */
  jwks(): { keys: Record<string, unknown>[] } {
    return { keys: [{ ...this.publicKey.export({ format: 'jwk' }), kty: 'RSA', use: 'sig', kid: this.keyId, x5t: this.keyId }] };
  }

  verify(token: string, tenantId: string): { claims: Record<string, unknown> } | TokenRejection {
    const parts = token.split('.');
    if (parts.length !== 3) return { reason: 'malformed' };
    const [headerPart, payloadPart, signaturePart] = parts;
    const header = decodeJson(headerPart);
    const claims = decodeJson(payloadPart);
    if (!header || !claims) return { reason: 'malformed' };
    if (header['alg'] !== 'RS256' || header['kid'] !== this.keyId) return { reason: 'unknown-key' };
    if (!verify('sha256', Buffer.from(`${headerPart}.${payloadPart}`), this.publicKey, Buffer.from(signaturePart, 'base64url'))) {
      return { reason: 'unknown-key' };
    }
    if (claims['aud'] !== VAULT_RESOURCE) return { reason: 'audience', found: String(claims['aud']) };
    const expectedIssuer = stsIssuer(tenantId);
    if (claims['iss'] !== expectedIssuer) return { reason: 'issuer', expected: expectedIssuer, found: String(claims['iss']) };
    const now = this.clock.nowSeconds();
    if (typeof claims['exp'] !== 'number' || claims['exp'] <= now) return { reason: 'expired' };
    if (typeof claims['nbf'] === 'number' && claims['nbf'] > now + NOT_BEFORE_SKEW_SECONDS) return { reason: 'not-yet-valid' };
    return { claims };
  }
}

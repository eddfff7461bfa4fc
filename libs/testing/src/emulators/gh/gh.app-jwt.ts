import { createPublicKey, KeyObject, verify } from 'node:crypto';

/** GitHub refuses an app JWT whose `exp` is more than ten minutes ahead of its clock. */
const MAX_LIFETIME_SECONDS = 600;
/** Clock drift GitHub tolerates on `iat` (its docs advise back-dating by 60 s). */
const IAT_LEEWAY_SECONDS = 60;

export const UNDECODABLE_JWT = 'A JSON web token could not be decoded';
export const EXPIRED_JWT = "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
export const JWT_TOO_LONG = "'Expiration time' claim ('exp') is too far in the future";
export const BAD_IAT = "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";

export interface JwtVerifier {
  appId: number;
  publicKey: KeyObject;
}

export type JwtOutcome = { ok: { appId: number } } | { error: string };

export const looksLikeJwt = (credential: string): boolean => credential.split('.').length === 3;

export const publicKeyFromPem = (pem: string): KeyObject => createPublicKey(pem);

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies an app JWT (RS256, `iss` = app id or client id) against the app's configured public key, then its
 * `iat` and `exp` claims, with GitHub's messages for each failure.
 */
export function verifyAppJwt(jwt: string, findApp: (issuer: string) => JwtVerifier | undefined, nowSeconds: number): JwtOutcome {
  const [headerPart, payloadPart, signaturePart] = jwt.split('.');
  const header = decodeSegment(headerPart ?? '');
  const claims = decodeSegment(payloadPart ?? '');
  if (!header || !claims || header['alg'] !== 'RS256' || signaturePart === undefined) return { error: UNDECODABLE_JWT };
  const app = findApp(String(claims['iss']));
  if (!app) return { error: UNDECODABLE_JWT };
  const signed = Buffer.from(`${headerPart}.${payloadPart}`, 'utf8');
  if (!verify('RSA-SHA256', signed, app.publicKey, Buffer.from(signaturePart, 'base64url'))) return { error: UNDECODABLE_JWT };
  const { iat, exp } = claims;
  if (!Number.isInteger(iat) || (iat as number) > nowSeconds + IAT_LEEWAY_SECONDS) return { error: BAD_IAT };
  if (typeof exp !== 'number' || exp <= nowSeconds) return { error: EXPIRED_JWT };
  if (exp > nowSeconds + MAX_LIFETIME_SECONDS) return { error: JWT_TOO_LONG };
  return { ok: { appId: app.appId } };
}

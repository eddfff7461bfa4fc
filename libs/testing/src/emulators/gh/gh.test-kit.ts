import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import sodium from 'libsodium-wrappers';

type OctokitModule = typeof import('@octokit/rest');
type RequestErrorModule = typeof import('@octokit/request-error');

/**
 * `@octokit/rest` ships only as an ES module, which jest's CommonJS runtime cannot load; Node's own `require`
 * can (require(esm), Node ≥ 20.19), so tests reach it through the real module loader instead of jest's.
 */
function nodeRequire(): NodeJS.Require {
  const nodeModule = process.getBuiltinModule('node:module');
  return nodeModule.createRequire(__filename);
}

const load = nodeRequire();
export const { Octokit } = load('@octokit/rest') as OctokitModule;
export const { RequestError } = load('@octokit/request-error') as RequestErrorModule;
export type OctokitClient = InstanceType<typeof Octokit>;
export type OctokitRequestError = InstanceType<typeof RequestError>;

const quiet = () => undefined;

/** A client configured as a production adapter would for a non-default endpoint (spec §4.1), minus the request log. */
export const octokitFor = (baseUrl: string, auth?: string): OctokitClient => new Octokit({ auth, baseUrl, log: { debug: quiet, info: quiet, warn: quiet, error: quiet } });

/** Runs an Octokit call that must fail, and returns its RequestError. */
export async function failure(call: Promise<unknown>): Promise<OctokitRequestError> {
  const outcome = await call.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(outcome instanceof RequestError)) throw new Error(`expected a RequestError, got ${String(outcome)}`);
  return outcome;
}

/** What a real client does with a scope's public key (spec §4.3): `crypto_box_seal`, standard base64 both ways. */
export async function seal(plaintext: string, publicKeyBase64: string): Promise<string> {
  await sodium.ready;
  const box = sodium.crypto_box_seal(plaintext, sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL));
  return sodium.to_base64(box, sodium.base64_variants.ORIGINAL);
}

export interface AppKeys {
  privateKey: KeyObject;
  publicKeyPem: string;
}

export function newAppKeys(): AppKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** An app JWT as GitHub's docs describe it: RS256, `iss` the app id, `iat` back-dated 60 s, `exp` within 10 min. */
export function signAppJwt(appId: number | string, privateKey: KeyObject, claims: { iat?: number; exp?: number } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({ iat: claims.iat ?? now - 60, exp: claims.exp ?? now + 540, iss: appId })}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

import { randomBytes } from 'node:crypto';
import { EmulatorClock } from '../core/clock';
import { AwsProtocol, AwsServiceError } from './aws-sm.errors';
import { AwsCredential } from './aws-sm.types';
import { canonicalRequest, computeSignature, credentialScope, formatAmzDate, parseAmzDate, parseAuthorization, SignedRequest, stringToSign } from './aws-sm.sigv4';

/** AWS's documented example key pair: what the emulator accepts when no credentials are configured. */
export const DEFAULT_CREDENTIAL: AwsCredential = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

/** SigV4 rejects requests signed more than this far from the server's clock. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

type AuthFailure = 'missing' | 'incomplete' | 'unknownKey' | 'badSignature' | 'expiredToken';

/** The same failure is spelled differently by the JSON services and by STS's query protocol (spec §1.4). */
const FAILURE_CODES: Record<AuthFailure, Record<AwsProtocol, [code: string, status: number]>> = {
  missing: { json: ['MissingAuthenticationTokenException', 400], query: ['MissingAuthenticationToken', 403] },
  incomplete: { json: ['IncompleteSignatureException', 400], query: ['IncompleteSignature', 400] },
  unknownKey: { json: ['UnrecognizedClientException', 400], query: ['InvalidClientTokenId', 403] },
  badSignature: { json: ['InvalidSignatureException', 403], query: ['SignatureDoesNotMatch', 403] },
  expiredToken: { json: ['ExpiredTokenException', 400], query: ['ExpiredToken', 400] },
};

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const INVALID_TOKEN = 'The security token included in the request is invalid.';

/** Who signed a request, and which region it addressed (the credential scope's). */
export interface CallerIdentity {
  accessKeyId: string;
  principalArn: string;
  region: string;
}

export interface TemporaryCredential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresMs: number;
  principalArn: string;
}

interface KnownKey {
  secretAccessKey: string;
  sessionToken?: string;
  principalArn: string;
  expiresMs?: number;
}

const KEY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const randomKeyId = (prefix: string) => prefix + Array.from(randomBytes(16), (b) => KEY_ID_ALPHABET[b % 32]).join('');

/** Verifies SigV4 signatures against configured key pairs and the temporary ones STS issued. */
export class CredentialRegistry {
  private temporary = new Map<string, TemporaryCredential>();

  constructor(
    private readonly staticCredentials: AwsCredential[],
    private readonly accountId: string,
    private readonly clock: EmulatorClock,
  ) {}

  issueTemporary(principalArn: string, durationSeconds: number): TemporaryCredential {
    const credential: TemporaryCredential = {
      accessKeyId: randomKeyId('ASIA'),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      expiresMs: this.clock.now() + durationSeconds * 1000,
      principalArn,
    };
    this.temporary.set(credential.accessKeyId, credential);
    return credential;
  }

  temporaryCredentials(): TemporaryCredential[] {
    return [...this.temporary.values()];
  }

  reset(): void {
    this.temporary.clear();
  }

  /** Checks the request as AWS does; throws the protocol's error for `service` when it would be refused. */
  verify(request: SignedRequest, service: string, protocol: AwsProtocol): CallerIdentity {
    const fail = (failure: AuthFailure, message: string) => {
      const [code, status] = FAILURE_CODES[failure][protocol];
      return new AwsServiceError(code, message, status, true);
    };
    const header = request.headers['authorization'];
    if (!header) throw fail('missing', 'Missing Authentication Token');
    const parsed = parseAuthorization(header);
    if (!parsed.ok) throw fail('incomplete', parsed.reason);
    const auth = parsed.value;
    const amzDate = String(request.headers['x-amz-date'] ?? '');
    const signedAtMs = parseAmzDate(amzDate);
    if (signedAtMs === undefined) throw fail('incomplete', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    if (amzDate.slice(0, 8) !== auth.date) {
      throw fail('badSignature', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
    }
    if (auth.service !== service) throw fail('badSignature', `Credential should be scoped to correct service: '${service}'. `);
    this.checkSkew(signedAtMs, amzDate, fail);

    const key = this.lookup(auth.accessKeyId);
    if (!key) throw fail('unknownKey', INVALID_TOKEN);
    if (request.headers['x-amz-security-token'] !== key.sessionToken) throw fail('unknownKey', INVALID_TOKEN);
    if (key.expiresMs !== undefined && key.expiresMs <= this.clock.now()) throw fail('expiredToken', 'The security token included in the request is expired');
    if (computeSignature(request, auth, amzDate, key.secretAccessKey) !== auth.signature) {
      const canonical = canonicalRequest(request, auth.signedHeaders);
      const detail = protocol === 'json' ? `\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${stringToSign(amzDate, credentialScope(auth), canonical)}'\n` : '';
      throw fail('badSignature', SIGNATURE_MISMATCH + detail);
    }
    return { accessKeyId: auth.accessKeyId, principalArn: key.principalArn, region: auth.region };
  }

  private checkSkew(signedAtMs: number, amzDate: string, fail: (f: AuthFailure, m: string) => AwsServiceError): void {
    const nowMs = Date.now();
    if (signedAtMs < nowMs - MAX_CLOCK_SKEW_MS) {
      throw fail('badSignature', `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(nowMs - MAX_CLOCK_SKEW_MS)} (${formatAmzDate(nowMs)} - 5 min.)`);
    }
    if (signedAtMs > nowMs + MAX_CLOCK_SKEW_MS) {
      throw fail('badSignature', `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(nowMs + MAX_CLOCK_SKEW_MS)} (${formatAmzDate(nowMs)} + 5 min.)`);
    }
  }

  private lookup(accessKeyId: string): KnownKey | undefined {
    const temporary = this.temporary.get(accessKeyId);
    if (temporary) return temporary;
    const configured = this.staticCredentials.find((c) => c.accessKeyId === accessKeyId);
    if (!configured) return undefined;
    return { ...configured, principalArn: configured.principalArn ?? `arn:aws:iam::${this.accountId}:user/emulator` };
  }
}

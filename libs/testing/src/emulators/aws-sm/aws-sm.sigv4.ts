import { createHash, createHmac } from 'node:crypto';
import { IncomingHttpHeaders } from 'node:http';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

/** The parts of `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`. */
export interface SigV4Authorization {
  accessKeyId: string;
  /** `yyyymmdd` from the credential scope. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** What a signature covers, as the server received it. `path` is the path as sent (percent-encoding kept). */
export interface SignedRequest {
  method: string;
  path: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type AuthorizationParse = { ok: true; value: SigV4Authorization } | { ok: false; reason: string };

/** Parses the SigV4 `Authorization` header; the reason names what is missing, for IncompleteSignature. */
export function parseAuthorization(header: string): AuthorizationParse {
  const [algorithm, ...rest] = header.trim().split(/\s+/);
  if (algorithm !== SIGV4_ALGORITHM) return { ok: false, reason: `Unsupported authorization type: '${algorithm}'` };
  const fields = new Map<string, string>();
  for (const part of rest.join(' ').split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  for (const required of ['Credential', 'SignedHeaders', 'Signature']) {
    if (!fields.get(required)) return { ok: false, reason: `Authorization header requires '${required}' parameter.` };
  }
  const scope = (fields.get('Credential') as string).split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request') {
    return { ok: false, reason: "Credential should be scoped to a valid region, service and terminated with 'aws4_request'." };
  }
  const [accessKeyId, date, region, service] = scope;
  return {
    ok: true,
    value: { accessKeyId, date, region, service, signedHeaders: (fields.get('SignedHeaders') as string).split(';'), signature: fields.get('Signature') as string },
  };
}

/** RFC 3986 percent-encoding, as SigV4 requires (encodeURIComponent leaves `!'()*` alone). */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/**
 * Non-S3 services sign the normalised path with every segment encoded once more than it was sent
 * ("double encoding"); `.`/`..` and empty segments are dropped first.
 */
function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(uriEncode(segment));
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `/${segments.join('/')}${trailing}`;
}

function canonicalQuery(rawQuery: string): string {
  const pairs = [...new URLSearchParams(rawQuery)].map(([key, value]) => [uriEncode(key), uriEncode(value)]);
  pairs.sort(([ka, va], [kb, vb]) => (ka === kb ? (va < vb ? -1 : va > vb ? 1 : 0) : ka < kb ? -1 : 1));
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

function canonicalHeaderValue(value: string | string[] | undefined): string {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined.trim().replace(/\s+/g, ' ');
}

export function canonicalRequest(request: SignedRequest, signedHeaders: string[]): string {
  const headerLines = signedHeaders.map((name) => `${name}:${canonicalHeaderValue(request.headers[name])}\n`).join('');
  return [request.method, canonicalUri(request.path), canonicalQuery(request.rawQuery), headerLines, signedHeaders.join(';'), sha256Hex(request.body)].join('\n');
}

export function credentialScope(auth: Pick<SigV4Authorization, 'date' | 'region' | 'service'>): string {
  return `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [SIGV4_ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
}

export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');
}

/** The signature AWS would compute for this request with this secret key. */
export function computeSignature(request: SignedRequest, auth: SigV4Authorization, amzDate: string, secretAccessKey: string): string {
  const toSign = stringToSign(amzDate, credentialScope(auth), canonicalRequest(request, auth.signedHeaders));
  return createHmac('sha256', signingKey(secretAccessKey, auth.date, auth.region, auth.service)).update(toSign, 'utf8').digest('hex');
}

/** `20150830T123600Z` → epoch ms; undefined when malformed. */
export function parseAmzDate(amzDate: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

export function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

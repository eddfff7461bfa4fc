import { createHash, createHmac, Hash, Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { canonicalRequest, computeSignature, parseAmzDate, parseAuthorization, SignedRequest } from './aws-sm.sigv4';

/** The hash constructor the SDK's signer takes, backed by node:crypto. */
class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh();
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
  reset(): void {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    const key = typeof this.secret === 'string' ? this.secret : ArrayBuffer.isView(this.secret) ? Buffer.from(this.secret.buffer, this.secret.byteOffset, this.secret.byteLength) : Buffer.from(this.secret);
    return createHmac('sha256', key);
  }
}

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

/** Signs with the SDK's own signer and returns the request as a server would receive it. */
async function signWithSdk(path: string, query: Record<string, string>, body: string, sessionToken?: string): Promise<{ received: SignedRequest; authorization: string }> {
  const signer = new SignatureV4({ credentials: { ...CREDENTIALS, sessionToken }, region: 'eu-west-1', service: 'secretsmanager', sha256: NodeSha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4566,
    path,
    query,
    headers: { host: '127.0.0.1:4566', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.ListSecrets', 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') },
    body,
  });
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const rawQuery = new URLSearchParams(query).toString();
  return { received: { method: 'POST', path, rawQuery, headers, body: Buffer.from(body) }, authorization: headers['authorization'] };
}

describe('SigV4 verification', () => {
  it("reproduces AWS's documented example signature (IAM ListUsers, 2015-08-30)", () => {
    const request: SignedRequest = {
      method: 'GET',
      path: '/',
      rawQuery: 'Action=ListUsers&Version=2010-05-08',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', host: 'iam.amazonaws.com', 'x-amz-date': '20150830T123600Z' },
      body: Buffer.alloc(0),
    };
    const auth = { accessKeyId: 'AKIDEXAMPLE', date: '20150830', region: 'us-east-1', service: 'iam', signedHeaders: ['content-type', 'host', 'x-amz-date'], signature: '' };
    expect(computeSignature(request, auth, '20150830T123600Z', CREDENTIALS.secretAccessKey)).toBe('5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
  });

  it.each([
    ['the root path and a JSON body', '/', {}, '{"MaxResults":2}', undefined],
    ['an encoded path, a query string and a session token', '/a%20b/c%2Fd/', { 'b key': 'x y', a: '1!*' }, '', 'token/with+chars='],
  ])('agrees with the SDK signer for %s', async (_case, path, query, body, sessionToken) => {
    const { received, authorization } = await signWithSdk(path, query, body, sessionToken);
    const parsed = parseAuthorization(authorization);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.value).toMatchObject({ accessKeyId: 'AKIDEXAMPLE', region: 'eu-west-1', service: 'secretsmanager' });
    const amzDate = String(received.headers['x-amz-date']);
    expect(computeSignature(received, parsed.value, amzDate, CREDENTIALS.secretAccessKey)).toBe(parsed.value.signature);
    expect(computeSignature(received, parsed.value, amzDate, 'another-secret')).not.toBe(parsed.value.signature);
    expect(computeSignature({ ...received, body: Buffer.from(`${body} `) }, parsed.value, amzDate, CREDENTIALS.secretAccessKey)).not.toBe(parsed.value.signature);
  });

  it('canonicalises header values by trimming and collapsing whitespace', () => {
    const request: SignedRequest = { method: 'POST', path: '/', rawQuery: '', headers: { host: 'h', 'x-amz-meta': '  a   b  ' }, body: Buffer.alloc(0) };
    expect(canonicalRequest(request, ['host', 'x-amz-meta']).split('\n').slice(3, 5)).toEqual(['host:h', 'x-amz-meta:a b']);
  });

  it('explains what is missing from a malformed Authorization header', () => {
    expect(parseAuthorization('Bearer abc')).toEqual({ ok: false, reason: "Unsupported authorization type: 'Bearer'" });
    expect(parseAuthorization('AWS4-HMAC-SHA256 Credential=A/20240101/us-east-1/sts/aws4_request, Signature=ab')).toEqual({ ok: false, reason: "Authorization header requires 'SignedHeaders' parameter." });
    expect(parseAuthorization('AWS4-HMAC-SHA256 Credential=A/20240101/us-east-1, SignedHeaders=host, Signature=ab').ok).toBe(false);
  });

  it('parses x-amz-date timestamps', () => {
    expect(parseAmzDate('20150830T123600Z')).toBe(Date.UTC(2015, 7, 30, 12, 36, 0));
    expect(parseAmzDate('2015-08-30T12:36:00Z')).toBeUndefined();
  });
});

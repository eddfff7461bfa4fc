import { HttpException } from '@nestjs/common';
import { parseVaultBody } from './request-body';

function refusal(method: string, contentType: string | undefined, raw: string): { status: number; errors: string[] } {
  try {
    parseVaultBody(method, contentType, Buffer.from(raw));
  } catch (err) {
    if (err instanceof HttpException) return { status: err.getStatus(), errors: (err.getResponse() as { errors: string[] }).errors };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('parseVaultBody', () => {
  it('parses JSON writes whatever JSON-compatible type they declare, as Vault does', () => {
    for (const type of [undefined, 'application/json; charset=utf-8', 'application/x-www-form-urlencoded', 'text/plain']) {
      expect(parseVaultBody('POST', type, Buffer.from('{"a":1}'))).toEqual({ a: 1 });
    }
    expect(parseVaultBody('PUT', 'application/json', Buffer.alloc(0))).toBeUndefined();
  });

  it('takes PATCH only as a JSON merge patch', () => {
    expect(parseVaultBody('PATCH', 'application/merge-patch+json', Buffer.from('{"a":null}'))).toEqual({ a: null });
    expect(refusal('PATCH', 'application/json', '{}')).toEqual({ status: 415, errors: ['PATCH requires Content-Type application/merge-patch+json'] });
  });

  it('refuses other media types with 415', () => {
    expect(refusal('POST', 'application/xml', '<a/>').status).toBe(415);
  });

  it('refuses invalid JSON without quoting it, and a __proto__ key', () => {
    const invalid = refusal('POST', 'application/json', '{"token": "sentinel-value"');
    expect(invalid).toEqual({ status: 400, errors: ['request body must be valid JSON'] });
    expect(refusal('POST', 'application/json', '{"a":{"__proto__":{"x":1}}}').status).toBe(400);
  });
});

import { HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/** Request bodies larger than this are refused with 413 before they are read whole. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export const MERGE_PATCH_MEDIA_TYPE = 'application/merge-patch+json';

/**
 * Media types a POST/PUT body may be declared as. Vault parses every write body as JSON whatever its
 * Content-Type, and clients rely on it: `curl -d` declares form encoding (spec §12), Vault's Go client sends
 * none. Anything that is clearly not JSON is refused with 415.
 */
const WRITE_MEDIA_TYPES: readonly string[] = ['', 'application/json', 'application/x-www-form-urlencoded', 'text/plain'];

function vaultError(status: HttpStatus, message: string): HttpException {
  return new HttpException({ errors: [message] }, status);
}

/**
 * Parses a request body as Vault does: JSON, with PATCH only as a JSON merge patch (spec §2). An empty body is
 * `undefined`. A `__proto__` key is refused, so no body can reach an object's prototype.
 * @throws HttpException 415 for the wrong media type, 400 for a body that is not JSON.
 */
export function parseVaultBody(method: string, contentType: string | undefined, raw: Buffer): unknown {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (method === 'PATCH' && mediaType !== MERGE_PATCH_MEDIA_TYPE) {
    throw vaultError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `PATCH requires Content-Type ${MERGE_PATCH_MEDIA_TYPE}`);
  }
  if (method !== 'PATCH' && !WRITE_MEDIA_TYPES.includes(mediaType)) {
    throw vaultError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `unsupported Content-Type "${mediaType}": send a JSON body as application/json`);
  }
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'), (key, value: unknown) => {
      if (key === '__proto__') throw new SyntaxError('__proto__ key');
      return value;
    });
  } catch {
    // JSON.parse's own message quotes the input, which may hold a secret.
    throw vaultError(HttpStatus.BAD_REQUEST, 'request body must be valid JSON');
  }
}

/** Replaces Fastify's body parsers with {@link parseVaultBody} for every content type, within `bodyLimit` bytes. */
export function installVaultBodyParser(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    try {
      done(null, parseVaultBody(request.method, request.headers['content-type'], body as Buffer));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}

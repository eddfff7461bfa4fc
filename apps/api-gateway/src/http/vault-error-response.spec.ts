import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { PermissionDeniedError } from '@vault-sync/access';
import { DestinationConfigurationError } from '@vault-sync/destinations-core';
import { ErrorCode, ExternalServiceError, InternalVaultError } from '@vault-sync/domain';
import { DestinationInUseError, DestinationNotFoundError, DestinationPurgingError } from '@vault-sync/store';
import { QueueFullError } from '@vault-sync/sync-service';
import { SecretReadDeniedError } from '../auth/secret-read-denied.error';
import { InvalidRequestError } from './invalid-request.error';
import { frameworkErrorResponse, vaultErrorResponse } from './vault-error-response';

const LIMIT = 1024;
const gh = { type: 'gh' as const, name: 'web' };

describe('vaultErrorResponse', () => {
  it.each([
    ['a refused token', new PermissionDeniedError(), 403, ['permission denied']],
    ['a secret the caller may not read', new SecretReadDeniedError('kv', 'app/db'), 403, ['permission denied to read the content of the secret app/db in mount kv']],
    ['an unknown destination', new DestinationNotFoundError(gh), 404, []],
    ['a route not found', new NotFoundException('Cannot GET /x'), 404, []],
    ['every problem of a destination write', new DestinationConfigurationError([{ field: 'a', message: 'a: bad' }, { field: 'b', message: 'b: bad' }]), 400, ['a: bad', 'b: bad']],
    ['invalid request input', new InvalidRequestError(['query parameter purge: must be a boolean']), 400, ['query parameter purge: must be a boolean']],
    ['a destination still managing secrets', new DestinationInUseError(gh, 2), 400, [new DestinationInUseError(gh, 2).message]],
    ['a destination being purged', new DestinationPurgingError(gh), 400, ['destination gh/web is being purged']],
    ['a full queue', new QueueFullError(10, 10, 1), 503, [new QueueFullError(10, 10, 1).message]],
    ['Vault unreachable', new InternalVaultError(ErrorCode.VaultUnavailable, 'vault down'), 503, ['vault down']],
    ['a store failure', new InternalVaultError(ErrorCode.StoreFailure, 'redis down'), 500, ['redis down']],
    ['a destination failure', new ExternalServiceError(ErrorCode.DestinationUnavailable, 'aws down'), 502, ['aws down']],
    ['an oversized body', new HttpException('Request body is too large', 413), 413, [`request body is larger than ${LIMIT} bytes`]],
    ['a Vault-shaped HttpException', new BadRequestException({ errors: ['x: bad'] }), 400, ['x: bad']],
  ])('maps %s', (_title, error, status, errors) => {
    expect(vaultErrorResponse(error, LIMIT)).toEqual({ status, body: { errors } });
  });

  it('leaves unexpected errors to the caller, which answers a generic 500', () => {
    expect(vaultErrorResponse(new TypeError('x is undefined'), LIMIT)).toBeUndefined();
  });

  it('answers an undecodable URL as a bad path', () => {
    expect(frameworkErrorResponse({ code: 'FST_ERR_BAD_URL', message: "'/%E0' is not a valid url component", statusCode: 400 })).toEqual({
      status: 400,
      body: { errors: ['path: is not valid percent-encoding'] },
    });
  });
});

import { status } from '@grpc/grpc-js';
import { ClientSideError, ConfigurationError, ErrorCode, ExternalServiceError, InternalVaultError } from '@vault-sync/domain';
import { INTERNAL_ERROR_MESSAGE, grpcErrorStatus } from './grpc-error-status';

class NotFoundError extends ClientSideError {
  constructor(code: ErrorCode) {
    super(code, `${code} happened`);
  }
}

describe('grpcErrorStatus', () => {
  it('answers a configuration error with INVALID_ARGUMENT and its field-naming message', () => {
    const error = new ConfigurationError(ErrorCode.InvalidTemplate, 'secret_name_template: must reference .SecretKey', 'secret_name_template');
    expect(grpcErrorStatus(error)).toEqual({ code: status.INVALID_ARGUMENT, message: 'secret_name_template: must reference .SecretKey' });
  });

  it.each([ErrorCode.InvalidConfiguration, ErrorCode.InvalidTemplate, ErrorCode.InvalidName])(
    'answers code %s with INVALID_ARGUMENT whatever the class',
    (code) => {
      expect(grpcErrorStatus(new NotFoundError(code)).code).toBe(status.INVALID_ARGUMENT);
    },
  );

  it.each([ErrorCode.UnknownDestination, ErrorCode.UnknownAssociation, ErrorCode.MountNotFound, ErrorCode.SecretNotFound])(
    'answers %s with NOT_FOUND',
    (code) => {
      expect(grpcErrorStatus(new NotFoundError(code))).toEqual({ code: status.NOT_FOUND, message: `${code} happened` });
    },
  );

  it('answers the access checker refusal with PERMISSION_DENIED', () => {
    const refusal = new ClientSideError(ErrorCode.PermissionDenied, 'permission denied');
    expect(grpcErrorStatus(refusal)).toEqual({ code: status.PERMISSION_DENIED, message: 'permission denied' });
  });

  it('answers Vault refusing us with PERMISSION_DENIED', () => {
    expect(grpcErrorStatus(new ClientSideError(ErrorCode.VaultPermissionDenied, 'denied')).code).toBe(status.PERMISSION_DENIED);
  });

  it('answers a full queue with RESOURCE_EXHAUSTED', () => {
    const full = new InternalVaultError(ErrorCode.QueueFull, 'sync queue is full');
    expect(grpcErrorStatus(full)).toEqual({ code: status.RESOURCE_EXHAUSTED, message: 'sync queue is full' });
  });

  it.each([ErrorCode.DestinationExists, ErrorCode.DestinationInUse, ErrorCode.DestinationPurging, ErrorCode.IllegalTransition])(
    'answers the conflict %s with FAILED_PRECONDITION',
    (code) => {
      expect(grpcErrorStatus(new NotFoundError(code)).code).toBe(status.FAILED_PRECONDITION);
    },
  );

  it('answers a lost concurrent write with ABORTED', () => {
    expect(grpcErrorStatus(new InternalVaultError(ErrorCode.ConcurrentModification, 'modified concurrently')).code).toBe(status.ABORTED);
  });

  it('answers any other client-side error with FAILED_PRECONDITION', () => {
    expect(grpcErrorStatus(new ClientSideError(ErrorCode.DestinationAuthFailed, 'bad credentials'))).toEqual({
      code: status.FAILED_PRECONDITION,
      message: 'bad credentials',
    });
  });

  it('answers a retryable internal failure with UNAVAILABLE and a final one with INTERNAL, with their messages', () => {
    expect(grpcErrorStatus(new InternalVaultError(ErrorCode.VaultUnavailable, 'vault unreachable'))).toEqual({
      code: status.UNAVAILABLE,
      message: 'vault unreachable',
    });
    expect(grpcErrorStatus(new InternalVaultError(ErrorCode.CredentialDecryptionFailed, 'cannot decrypt', { retryable: false }))).toEqual({
      code: status.INTERNAL,
      message: 'cannot decrypt',
    });
  });

  it('answers a destination failure with UNAVAILABLE', () => {
    expect(grpcErrorStatus(new ExternalServiceError(ErrorCode.DestinationUnavailable, 'aws-sm answered 503')).code).toBe(status.UNAVAILABLE);
  });

  it.each([
    ['a foreign error', new Error('connect ECONNREFUSED 10.0.0.1 token=hvs.sentinel')],
    ['a foreign error with a code', Object.assign(new Error('token=hvs.sentinel'), { code: 'ECONNRESET' })],
    ['a thrown string', 'hvs.sentinel'],
    ['undefined', undefined],
  ])('answers %s with INTERNAL and a generic message that cannot leak it', (_title, error) => {
    expect(grpcErrorStatus(error)).toEqual({ code: status.INTERNAL, message: INTERNAL_ERROR_MESSAGE });
  });
});

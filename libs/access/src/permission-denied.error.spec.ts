import { ClientSideError, ErrorCode, FailureClass } from '@vault-sync/domain';
import { PermissionDeniedError } from './permission-denied.error';

describe('PermissionDeniedError', () => {
  it("is a client-side domain error with Vault's exact message", () => {
    const error = new PermissionDeniedError();
    expect(error).toBeInstanceOf(ClientSideError);
    expect(error.name).toBe('PermissionDeniedError');
    expect(error.toRecord()).toEqual({ failureClass: FailureClass.ClientSide, code: ErrorCode.PermissionDenied, message: 'permission denied' });
    expect(error.retryable).toBe(false);
  });
});

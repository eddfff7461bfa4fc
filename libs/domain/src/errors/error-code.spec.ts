import { ErrorCode } from './error-code';

describe('ErrorCode', () => {
  it('gives every code a distinct value, as clients switch on the value', () => {
    const values = Object.values(ErrorCode);
    expect(new Set(values).size).toBe(values.length);
  });

  it('tells a denied gateway caller apart from Vault denying the engine itself', () => {
    expect(ErrorCode.PermissionDenied).toBe('permission_denied');
    expect(ErrorCode.PermissionDenied).not.toBe(ErrorCode.VaultPermissionDenied);
  });

  it('keeps queue_full, the value the gRPC contract already maps to RESOURCE_EXHAUSTED', () => {
    expect(ErrorCode.QueueFull).toBe('queue_full');
  });
});

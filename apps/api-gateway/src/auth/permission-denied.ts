import { PermissionDeniedError } from '@vault-sync/access';

/** A refused token or capability, from the access checker. */
export function isPermissionDenied(error: unknown): boolean {
  return error instanceof PermissionDeniedError;
}

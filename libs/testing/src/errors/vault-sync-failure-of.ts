import { VaultSyncError } from '@vault-sync/domain';

/**
 * For adapter tests: the domain error a call rejects with. Fails the test when the call succeeds, and rethrows
 * anything that is not a `VaultSyncError` (an adapter must classify every failure).
 */
export async function vaultSyncFailureOf(call: Promise<unknown>): Promise<VaultSyncError> {
  const outcome = await call.then(
    () => new Error('expected the call to fail'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof VaultSyncError)) throw outcome;
  return outcome;
}

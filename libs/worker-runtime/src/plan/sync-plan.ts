import { ErrorCode, ExternalSecretPayload, InternalVaultError, LedgerEntry, SecretRef } from '@vault-sync/domain';

export interface SyncPlan {
  /** Entries whose value (or name) differs from what the ledger says we wrote: a destination write each. */
  writes: ExternalSecretPayload[];
  /** Entries the ledger shows written with the same fingerprint: no destination call. */
  unchanged: ExternalSecretPayload[];
  /** Objects this association wrote that are no longer wanted (key removed, name changed, secret gone). */
  deletes: LedgerEntry[];
}

/** The ledger entries that belong to one association. */
export function ownedEntries(secret: SecretRef, ledger: readonly LedgerEntry[]): LedgerEntry[] {
  return ledger.filter((entry) => entry.source.mountAccessor === secret.mountAccessor && entry.source.secretPath === secret.secretPath);
}

export interface SyncPlanInput {
  desired: readonly ExternalSecretPayload[];
  /** This association's ledger entries (see {@link ownedEntries}). */
  owned: readonly LedgerEntry[];
  /** A run may have written the destination after losing its lease: the ledger cannot be trusted to skip. */
  rewriteAll: boolean;
}

/** What a sync must do, decided from the secret and the ledger only (no destination call). */
export function planSync(input: SyncPlanInput): SyncPlan {
  const ownedByName = new Map(input.owned.map((entry) => [entry.externalName, entry]));
  const desiredNames = new Set(input.desired.map((entry) => entry.externalName));
  const isUnchanged = (entry: ExternalSecretPayload) =>
    !input.rewriteAll && ownedByName.get(entry.externalName)?.fingerprint === entry.fingerprint;
  return {
    writes: input.desired.filter((entry) => !isUnchanged(entry)),
    unchanged: input.desired.filter(isUnchanged),
    deletes: input.owned.filter((entry) => !desiredNames.has(entry.externalName)),
  };
}

/** An unsync deletes everything this association wrote. */
export function planUnsync(owned: readonly LedgerEntry[]): SyncPlan {
  return { writes: [], unchanged: [], deletes: [...owned] };
}

/** Destination calls a plan needs: a look-up before each write or delete, then the call itself. */
export function plannedCalls(plan: SyncPlan): number {
  return 2 * (plan.writes.length + plan.deletes.length);
}

export interface ReadVersion {
  version: number;
  /** RFC 3339 creation time of the version read. */
  createdTime: string;
}

/**
 * Refuses to go backwards: a read older than what the ledger records as synced comes from a lagging Vault node,
 * so it is retried instead of written. A version number lower than the ledger's but created after the ledger
 * entry was written is a new secret at the same path (metadata deleted, then written again), and goes ahead.
 */
export function assertNotOlderThanSynced(read: ReadVersion, owned: readonly LedgerEntry[], secretPath: string): void {
  const newer = owned.find((entry) => entry.vaultVersion > read.version && Date.parse(read.createdTime) <= Date.parse(entry.writtenAt));
  if (newer !== undefined) {
    throw new InternalVaultError(
      ErrorCode.VaultUnavailable,
      `Vault returned version ${read.version} of secret ${JSON.stringify(secretPath)}, older than version ${newer.vaultVersion} already synced; reading again later`,
      { retryable: true },
    );
  }
}

import {
  Association,
  Destination,
  ExternalSecretPayload,
  LedgerEntry,
  SyncOperation,
  expandSecret,
  secretTemplateVariables,
  validateTemplateFor,
} from '@vault-sync/domain';
import { OwnershipLedgerRepository, RunLeaseRepository } from '@vault-sync/store';
import { SyncPlan, assertNotOlderThanSynced, ownedEntries, planSync, planUnsync } from '../plan/sync-plan';
import { SecretSource } from './secret-source';

/** Everything a run decided before its first destination call; holds secret values, so it never leaves memory. */
export interface PreparedRun {
  operation: SyncOperation;
  plan: SyncPlan;
  /** Every ledger entry of the destination by external name, for the collision check across associations. */
  ledgerByName: ReadonlyMap<string, LedgerEntry>;
  /** The Vault version being synced (sync only). */
  vaultVersion?: number;
  /** The rewrite mark the plan honoured, cleared once the run succeeds. */
  rewriteMark?: string;
  /** The desired entries, for sub-key statuses. */
  desired: readonly ExternalSecretPayload[];
}

export interface PrepareDependencies {
  ledger: Pick<OwnershipLedgerRepository, 'listByDestination'>;
  leases: Pick<RunLeaseRepository, 'rewriteMark'>;
  source: SecretSource;
  /** `VAULT_NAMESPACE`, for the `Namespace*` template variables. */
  namespacePath: string;
}

/**
 * Reads what the run needs and decides the operation and its plan, without touching the destination: the
 * latest Vault version (spec §7.4: deleted, destroyed or gone → unsync, the association stays), the names
 * (template, granularity, name rules, value limits) and the ledger. Throws `VaultSyncError`s to record.
 */
export async function prepareRun(deps: PrepareDependencies, association: Association, destination: Destination, id: string): Promise<PreparedRun> {
  const ledger = await deps.ledger.listByDestination(destination);
  const owned = ownedEntries(association, ledger);
  const rewriteMark = await deps.leases.rewriteMark(id);
  const common = { ledgerByName: new Map(ledger.map((entry) => [entry.externalName, entry])), ...(rewriteMark === undefined ? {} : { rewriteMark }) };
  const unsync = (): PreparedRun => ({ ...common, operation: 'unsync', plan: planUnsync(owned), desired: [] });
  if (association.removeWhenUnsynced) return unsync();

  const state = await deps.source.read(association);
  if (state.kind === 'gone') return unsync();
  const { granularity, secretNameTemplate } = destination.options;
  const desired = expandSecret({
    kind: destination.type,
    granularity,
    template: validateTemplateFor(destination.type, granularity, secretNameTemplate),
    variables: secretTemplateVariables({
      destinationType: destination.type,
      destinationName: destination.name,
      namespacePath: deps.namespacePath,
      mountPath: state.mountPath,
      mountAccessor: association.mountAccessor,
      secretPath: association.secretPath,
    }),
    data: state.data,
  });
  assertNotOlderThanSynced(state, owned, association.secretPath);
  return {
    ...common,
    operation: 'sync',
    plan: planSync({ desired, owned, rewriteAll: rewriteMark !== undefined }),
    vaultVersion: state.version,
    desired,
  };
}

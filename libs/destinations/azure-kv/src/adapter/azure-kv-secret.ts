import { DeletedSecret, SecretProperties } from '@azure/keyvault-secrets';
import { ExistingObject } from '@vault-sync/domain';
import { marksFromTags } from './azure-kv-tags';

/**
 * The secret's versionless id, `{vaultUrl}/secrets/{name}`: every write adds a version, so the versioned id would
 * change under the ledger with each sync. The name is Key Vault's spelling (names are case-insensitive).
 */
export function secretIdOf(properties: Pick<SecretProperties, 'vaultUrl' | 'name'>): string {
  return `${properties.vaultUrl.replace(/\/+$/, '')}/secrets/${properties.name}`;
}

/** The port's view of a live secret (its value is read by getSecret but never kept). */
export function existingSecretOf(name: string, properties: SecretProperties): ExistingObject {
  return { name, externalId: secretIdOf(properties), marks: marksFromTags(properties.tags), pendingDeletion: false };
}

/** A soft-deleted secret holds the name until it is recovered, purged, or its retention ends (spec §2.3). */
export function deletedSecretOf(name: string, deleted: DeletedSecret): ExistingObject {
  return { name, externalId: secretIdOf(deleted.properties), marks: marksFromTags(deleted.properties.tags), pendingDeletion: true };
}

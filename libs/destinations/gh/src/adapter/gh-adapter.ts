import { DesiredObject, DestinationAdapter, ExistingObject, WriteOutcome } from '@vault-sync/domain';
import { PublicKeyCache, ScopeKey } from './gh-public-keys';
import { sealValue } from './gh-sealed-box';
import { GhSecretScope, isRejectedWrite } from './gh-secret-scope';

/**
 * One gh destination: the Actions secrets of one repository, environment or organization (spec
 * destination-protocols §4). GitHub returns no values and carries no tags, so `inspect` reports existence only
 * (`marks` undefined) and the runtime's ownership ledger decides what is ours; every write is a sealed PUT.
 */
export class GhAdapter implements DestinationAdapter {
  constructor(
    private readonly secrets: GhSecretScope,
    private readonly keys: PublicKeyCache,
    /** The cache key of the scope's public key: API root and scope. */
    private readonly keyScope: string,
  ) {}

  async inspect(name: string): Promise<ExistingObject | undefined> {
    return (await this.secrets.exists(name)) ? { name, pendingDeletion: false } : undefined;
  }

  /** A single PUT creates or updates (201 vs 204), so what `inspect` saw does not matter. */
  async write(object: DesiredObject): Promise<WriteOutcome> {
    const key = await this.publicKey();
    try {
      return { created: await this.secrets.put(object.name, await sealValue(object.value, key.publicKey)) };
    } catch (error) {
      // A cached key may have rotated (GitHub answers 422 to a stale key_id): fetch it and seal again, once.
      if (key.fresh || !isRejectedWrite(error)) throw error;
      this.keys.forget(this.keyScope, key.publicKey);
      const current = await this.publicKey();
      // Same key: the 422 was about the name or the value, and a second PUT would be refused alike.
      if (current.publicKey.key_id === key.publicKey.key_id) throw error;
      return { created: await this.secrets.put(object.name, await sealValue(object.value, current.publicKey)) };
    }
  }

  async remove(existing: ExistingObject): Promise<void> {
    await this.secrets.remove(existing.name);
  }

  /** Octokit holds no sockets of its own (global fetch pools them). */
  async close(): Promise<void> {
    return undefined;
  }

  private publicKey(): Promise<ScopeKey> {
    return this.keys.get(this.keyScope, () => this.secrets.publicKey());
  }
}

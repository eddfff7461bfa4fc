import { SecretClient } from '@azure/keyvault-secrets';
import { carriesMarks, DesiredObject, DestinationAdapter, ErrorCode, ExistingObject, ExternalServiceError, WriteOutcome } from '@vault-sync/domain';
import { AzureCallContext, azureInnerCodeOf, azureStatusOf, CONFLICT_RETRY_AFTER_MS, DELETED_BUT_RECOVERABLE, throwAzureError } from './azure-kv-errors';
import { deletedSecretOf, existingSecretOf, secretIdOf } from './azure-kv-secret';
import { desiredTags } from './azure-kv-tags';

/** How the adapter waits for a recovery (a long-running operation) before writing over it. */
export interface RecoveryTiming {
  pollIntervalMs: number;
  /** Longer than this and the write fails as retryable: the next run finds the secret live (or still recovering). */
  maxWaitMs: number;
}

/** Spec §2.3 [U]: a delete of this name is already in progress. */
const BEING_DELETED = 'ObjectIsBeingDeleted';
/** How long one call may take; the SDK sets no limit, and a hung socket would hold the association's lease. */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * A deadline per call. Not the pipeline's `requestOptions.timeout`: its timer is left running when a request
 * fails (a reset), keeping the process alive; AbortSignal.timeout's timer does not.
 */
const deadline = () => ({ abortSignal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One azure-kv destination: a SecretClient on its vault (spec destination-protocols §2). A write is one PUT, which
 * adds a version carrying the value and the full tag set; a name held by a soft-deleted secret is recovered first.
 * Unsync soft-deletes and does not wait for the deletion to settle, nor purge: the vault's retention keeps the
 * secret recoverable, and a later sync of the same name recovers it.
 */
export class AzureKeyVaultAdapter implements DestinationAdapter {
  constructor(
    private readonly client: SecretClient,
    private readonly vaultUrl: string,
    private readonly recovery: RecoveryTiming,
  ) {}

  async inspect(name: string): Promise<ExistingObject | undefined> {
    try {
      return existingSecretOf(name, (await this.client.getSecret(name, deadline())).properties);
    } catch (error) {
      if (azureStatusOf(error) !== 404) throwAzureError(error, this.context('getSecret', name));
    }
    try {
      return deletedSecretOf(name, await this.client.getDeletedSecret(name, deadline()));
    } catch (error) {
      if (azureStatusOf(error) === 404) return undefined;
      throwAzureError(error, this.context('getDeletedSecret', name));
    }
  }

  async write(object: DesiredObject, existing: ExistingObject | undefined): Promise<WriteOutcome> {
    if (existing?.pendingDeletion) await this.recover(object.name);
    try {
      return await this.set(object, existing === undefined);
    } catch (error) {
      if (azureInnerCodeOf(error) !== DELETED_BUT_RECOVERABLE) throwAzureError(error, this.context('setSecret', object.name));
      return this.afterDeletedConflict(object, error);
    }
  }

  /** Soft-deletes; a secret already gone, soft-deleted or being deleted is success. */
  async remove(existing: ExistingObject): Promise<void> {
    if (existing.pendingDeletion) return;
    try {
      // The poller's first poll sends the DELETE; waiting for the deletion to settle would only cost requests.
      await this.client.beginDeleteSecret(existing.name, deadline());
    } catch (error) {
      if (azureStatusOf(error) === 404 || azureInnerCodeOf(error) === BEING_DELETED) return;
      throwAzureError(error, this.context('beginDeleteSecret', existing.name));
    }
  }

  async close(): Promise<void> {
    // SecretClient has nothing to close: its sockets belong to Node's shared agent.
  }

  private async set(object: DesiredObject, created: boolean): Promise<WriteOutcome> {
    const written = await this.client.setSecret(object.name, object.value, { ...deadline(), tags: desiredTags(object) });
    return { externalId: secretIdOf(written.properties), created };
  }

  /**
   * The PUT found the name held by a soft-deleted secret although inspect saw it live or free. One carrying
   * exactly our marks is recovered and written; anything else is left for the runtime to re-inspect and judge.
   */
  private async afterDeletedConflict(object: DesiredObject, conflict: unknown): Promise<WriteOutcome> {
    const found = await this.inspect(object.name);
    if (found?.pendingDeletion && carriesMarks(found.marks, object.marks)) {
      await this.recover(object.name);
      return this.call(this.context('setSecret', object.name), () => this.set(object, false));
    }
    throw new ExternalServiceError(ErrorCode.ConcurrentModification, `secret ${object.name} was deleted while it was being written`, {
      retryAfterMs: CONFLICT_RETRY_AFTER_MS,
      cause: conflict,
    });
  }

  /** Recovers a soft-deleted secret and waits, within bounds, until it is readable (spec §2.3). */
  private async recover(name: string): Promise<void> {
    const context = this.context('beginRecoverDeletedSecret', name);
    const poller = await this.client.beginRecoverDeletedSecret(name, { ...deadline(), intervalInMs: this.recovery.pollIntervalMs }).catch((error: unknown) => {
      // Neither live nor deleted any more (purged meanwhile): the PUT creates it afresh.
      if (azureStatusOf(error) === 404) return undefined;
      throwAzureError(error, context);
    });
    if (poller === undefined) return;
    const giveUpAt = Date.now() + this.recovery.maxWaitMs;
    while (!poller.isDone()) {
      if (Date.now() >= giveUpAt) {
        throw new ExternalServiceError(ErrorCode.ConcurrentModification, `secret ${name} in ${this.vaultUrl} is still being recovered`, {
          retryAfterMs: CONFLICT_RETRY_AFTER_MS,
        });
      }
      await sleep(this.recovery.pollIntervalMs);
      await this.call(context, () => poller.poll());
    }
  }

  private context(operation: string, name: string): AzureCallContext {
    return { operation, target: `secret ${name} in ${this.vaultUrl}` };
  }

  private async call<T>(context: AzureCallContext, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throwAzureError(error, context);
    }
  }
}

import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  PutSecretValueCommand,
  RemoveRegionsFromReplicationCommand,
  ReplicateSecretToRegionsCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { carriesMarks, DesiredObject, DestinationAdapter, ErrorCode, ExistingObject, ExternalServiceError, WriteOutcome } from '@vault-sync/domain';
import { sdkClientDefaults } from './aws-sm-client-config';
import { clientRequestToken } from './aws-sm-client-request-token';
import { AwsCredentialSource } from './aws-sm-credentials';
import { awsErrorName, throwAwsError } from './aws-sm-errors';
import { AwsExistingSecret, AwsSecretDetails, detailsOf, existingSecretOf } from './aws-sm-secret';
import { AwsSmSettings } from './aws-sm-settings';
import { desiredTags, tagChanges } from './aws-sm-tags';

/** A name taken by another writer between our inspect and create: the runtime re-inspects and decides ownership. */
const CONFLICT_RETRY_AFTER_MS = 1_000;

/** One aws-sm destination: a Secrets Manager client in its region, signed as its credentials say (spec §1). */
export class AwsSecretsManagerAdapter implements DestinationAdapter {
  private readonly client: SecretsManagerClient;

  constructor(
    private readonly settings: AwsSmSettings,
    private readonly credentialSource: AwsCredentialSource,
  ) {
    this.client = new SecretsManagerClient({ ...sdkClientDefaults, region: settings.region, credentials: credentialSource.credentials });
  }

  async inspect(name: string): Promise<AwsExistingSecret | undefined> {
    try {
      return existingSecretOf(name, await this.client.send(new DescribeSecretCommand({ SecretId: name })));
    } catch (error) {
      if (awsErrorName(error) === 'ResourceNotFoundException') return undefined;
      throwAwsError(error, { operation: 'DescribeSecret', target: name });
    }
  }

  async write(object: DesiredObject, existing: ExistingObject | undefined): Promise<WriteOutcome> {
    return existing === undefined ? this.create(object) : this.update(object, existing);
  }

  async remove(existing: ExistingObject): Promise<void> {
    const current = detailsOf(existing) ? existing : await this.inspect(existing.name);
    if (current === undefined) return;
    const details = detailsOf(current) as AwsSecretDetails;
    const deletion = this.settings.deletion;
    if (current.pendingDeletion && deletion !== 'force') return;
    const secretId = current.externalId ?? current.name;
    // A primary secret cannot be deleted while it has replicas (AWS answers InvalidRequestException).
    if (details.replicaRegions.length > 0) {
      await this.call('RemoveRegionsFromReplication', secretId, () =>
        this.client.send(new RemoveRegionsFromReplicationCommand({ SecretId: secretId, RemoveReplicaRegions: details.replicaRegions })),
      );
    }
    try {
      await this.client.send(
        new DeleteSecretCommand(
          deletion === 'force'
            ? { SecretId: secretId, ForceDeleteWithoutRecovery: true }
            : { SecretId: secretId, RecoveryWindowInDays: deletion.recoveryWindowInDays },
        ),
      );
    } catch (error) {
      if (awsErrorName(error) === 'ResourceNotFoundException') return;
      // Our view was stale: someone scheduled the deletion meanwhile, which is what we wanted.
      if (awsErrorName(error) === 'InvalidRequestException' && deletion !== 'force' && (await this.inspect(current.name))?.pendingDeletion) return;
      throwAwsError(error, { operation: 'DeleteSecret', target: secretId });
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
    this.credentialSource.close();
  }

  private async create(object: DesiredObject): Promise<WriteOutcome> {
    const replicas = Object.entries(this.settings.replicaRegions);
    try {
      const created = await this.client.send(
        new CreateSecretCommand({
          Name: object.name,
          SecretString: object.value,
          KmsKeyId: this.settings.kmsKeyId,
          Tags: desiredTags(object),
          AddReplicaRegions: replicas.length > 0 ? replicas.map(([Region, key]) => ({ Region, KmsKeyId: key || undefined })) : undefined,
          ClientRequestToken: clientRequestToken(object.name, undefined, object.value),
        }),
      );
      return { externalId: created.ARN, created: true };
    } catch (error) {
      const name = awsErrorName(error);
      if (name !== 'ResourceExistsException' && name !== 'InvalidRequestException') {
        throwAwsError(error, { operation: 'CreateSecret', target: object.name, redact: [object.value] });
      }
      return this.afterCreateConflict(object, error);
    }
  }

  /**
   * CreateSecret found the name taken (ResourceExists) or held by a scheduled deletion (InvalidRequest,
   * spec §1.2) although inspect saw it free. A pending deletion is restored and written; a secret that
   * carries exactly our marks (a concurrent writer of ours) is updated; anything else is left for the runtime
   * to re-inspect and decide on ownership.
   */
  private async afterCreateConflict(object: DesiredObject, createError: unknown): Promise<WriteOutcome> {
    const found = await this.inspect(object.name);
    if (found?.pendingDeletion || (found && carriesMarks(found.marks, object.marks))) return this.update(object, found);
    if (found === undefined || awsErrorName(createError) === 'ResourceExistsException') {
      throw new ExternalServiceError(ErrorCode.ConcurrentModification, `secret ${object.name} changed while it was being created`, {
        retryAfterMs: CONFLICT_RETRY_AFTER_MS,
        cause: createError,
      });
    }
    throwAwsError(createError, { operation: 'CreateSecret', target: object.name, redact: [object.value] });
  }

  private async update(object: DesiredObject, existing: ExistingObject): Promise<WriteOutcome> {
    const current = detailsOf(existing) ? existing : await this.inspect(existing.name);
    if (current === undefined) return this.create(object);
    const details = detailsOf(current) as AwsSecretDetails;
    const secretId = current.externalId ?? current.name;
    if (current.pendingDeletion) {
      await this.call('RestoreSecret', secretId, () => this.client.send(new RestoreSecretCommand({ SecretId: secretId })));
    }
    const written = await this.putValue(object, secretId, details);
    if (written === undefined) return this.create(object);
    await this.applyTags(secretId, details, object);
    await this.applyReplicas(secretId, details);
    return { externalId: written, created: false };
  }

  /** The new version; UpdateSecret instead of PutSecretValue when the KMS key must change too. undefined: gone. */
  private async putValue(object: DesiredObject, secretId: string, details: AwsSecretDetails): Promise<string | undefined> {
    const token = clientRequestToken(object.name, details.currentVersionId, object.value);
    const kmsKeyId = this.settings.kmsKeyId;
    const changeKey = kmsKeyId !== undefined && kmsKeyId !== details.kmsKeyId;
    try {
      const answer = changeKey
        ? await this.client.send(new UpdateSecretCommand({ SecretId: secretId, SecretString: object.value, KmsKeyId: kmsKeyId, ClientRequestToken: token }))
        : await this.client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: object.value, ClientRequestToken: token }));
      return answer.ARN ?? secretId;
    } catch (error) {
      if (awsErrorName(error) === 'ResourceNotFoundException') return undefined;
      throwAwsError(error, { operation: changeKey ? 'UpdateSecret' : 'PutSecretValue', target: secretId, redact: [object.value] });
    }
  }

  private async applyTags(secretId: string, details: AwsSecretDetails, object: DesiredObject): Promise<void> {
    const changes = tagChanges(details.tags, desiredTags(object));
    if (changes.set.length > 0) {
      await this.call('TagResource', secretId, () => this.client.send(new TagResourceCommand({ SecretId: secretId, Tags: changes.set })));
    }
    if (changes.remove.length > 0) {
      await this.call('UntagResource', secretId, () => this.client.send(new UntagResourceCommand({ SecretId: secretId, TagKeys: changes.remove })));
    }
  }

  /** Replica regions follow the destination's `replica_regions` (spec §7.4: re-applied to existing secrets). */
  private async applyReplicas(secretId: string, details: AwsSecretDetails): Promise<void> {
    const wanted = this.settings.replicaRegions;
    const missing = Object.entries(wanted).filter(([region]) => !details.replicaRegions.includes(region));
    const extra = details.replicaRegions.filter((region) => !(region in wanted));
    if (missing.length > 0) {
      const AddReplicaRegions = missing.map(([Region, key]) => ({ Region, KmsKeyId: key || undefined }));
      await this.call('ReplicateSecretToRegions', secretId, () => this.client.send(new ReplicateSecretToRegionsCommand({ SecretId: secretId, AddReplicaRegions })));
    }
    if (extra.length > 0) {
      await this.call('RemoveRegionsFromReplication', secretId, () =>
        this.client.send(new RemoveRegionsFromReplicationCommand({ SecretId: secretId, RemoveReplicaRegions: extra })),
      );
    }
  }

  private async call<T>(operation: string, target: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throwAwsError(error, { operation, target });
    }
  }
}

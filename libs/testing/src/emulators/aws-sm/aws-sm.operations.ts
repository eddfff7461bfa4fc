import { randomUUID } from 'node:crypto';
import { EmulatorClock } from '../core/clock';
import { invalidParameter, invalidRequest, markedForDeletion } from './aws-sm.errors';
import { ListRequest, listSecrets } from './aws-sm.list';
import { checkClientRequestToken, checkLength, checkRegion, checkSecretId, checkSecretName, checkTagCount, checkTags, LIMITS, requireField, secretValueOf } from './aws-sm.rules';
import { ReplicaRequest, SecretStore } from './aws-sm.store';
import { Tag } from './aws-sm.types';
import { describeView, epochSeconds, listEntryView, replicationStatusView } from './aws-sm.view';

/** What a Secrets Manager operation runs against: the store, and the region the request was signed for. */
export interface OperationContext {
  store: SecretStore;
  clock: EmulatorClock;
  region: string;
}

interface SecretRef {
  SecretId?: string;
}

interface ValueInput {
  SecretString?: string;
  SecretBinary?: string;
  ClientRequestToken?: string;
}

interface ReplicaRegionInput {
  AddReplicaRegions?: { Region?: string; KmsKeyId?: string }[];
  ForceOverwriteReplicaSecret?: boolean;
}

type Operation<I> = (input: I, context: OperationContext) => object;

const MIN_RECOVERY_DAYS = 7;
const MAX_RECOVERY_DAYS = 30;

/** The SDK always sends a token (spec §1.1); a bare client may not, and then every call is a new version. */
function tokenOf(input: ValueInput): string {
  checkClientRequestToken(input.ClientRequestToken);
  return input.ClientRequestToken ?? randomUUID();
}

function checkMetadata(input: { Description?: string; KmsKeyId?: string }): void {
  checkLength('description', input.Description, 0, LIMITS.descriptionLength);
  checkLength('kmsKeyId', input.KmsKeyId, 0, LIMITS.kmsKeyIdLength);
}

function replicaRequestsOf(regions: ReplicaRegionInput['AddReplicaRegions'] = []): ReplicaRequest[] {
  return regions.map((r, i) => {
    const region = requireField(`addReplicaRegions.${i + 1}.member.region`, r.Region);
    checkRegion(`addReplicaRegions.${i + 1}.member.region`, region);
    checkLength(`addReplicaRegions.${i + 1}.member.kmsKeyId`, r.KmsKeyId, 0, LIMITS.kmsKeyIdLength);
    return { region, kmsKeyId: r.KmsKeyId };
  });
}

function checkTagInput(tags: Tag[]): Tag[] {
  checkTags(tags);
  checkTagCount(tags.length);
  return tags;
}

const createSecret: Operation<ValueInput & ReplicaRegionInput & { Name?: string; Description?: string; KmsKeyId?: string; Tags?: Tag[] }> = (input, { store, region }) => {
  const name = requireField('name', input.Name);
  checkSecretName(name);
  checkMetadata(input);
  const tags = checkTagInput(input.Tags ?? []);
  const replicas = replicaRequestsOf(input.AddReplicaRegions);
  const value = secretValueOf(input);
  const { secret, version, created } = store.create(region, { name, description: input.Description, kmsKeyId: input.KmsKeyId, tags, value, token: tokenOf(input) });
  if (created && replicas.length > 0) store.replicate(secret, replicas, input.ForceOverwriteReplicaSecret === true);
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version?.versionId,
    ReplicationStatus: secret.replicas.length > 0 ? replicationStatusView(secret.replicas) : undefined,
  };
};

const putSecretValue: Operation<SecretRef & ValueInput & { VersionStages?: string[] }> = (input, { store, region }) => {
  const secret = store.requireWritable(region, checkSecretId(input.SecretId));
  const token = tokenOf(input);
  const value = secretValueOf(input);
  // [U] wording and class: moto's, for a call without either value member.
  if (!value) throw invalidRequest('You must provide either SecretString or SecretBinary.');
  const stages = input.VersionStages;
  if (stages !== undefined && (stages.length < 1 || stages.length > 20)) throw invalidParameter('VersionStages must contain between 1 and 20 staging labels.');
  stages?.forEach((stage, i) => checkLength(`versionStages.${i + 1}.member`, stage, 1, 256));
  const version = store.addVersion(secret, value, token, stages);
  return { ARN: secret.arn, Name: secret.name, VersionId: version.versionId, VersionStages: [...version.stages] };
};

const updateSecret: Operation<SecretRef & ValueInput & { Description?: string; KmsKeyId?: string }> = (input, { store, region }) => {
  const secret = store.requireWritable(region, checkSecretId(input.SecretId));
  checkMetadata(input);
  const token = tokenOf(input);
  const value = secretValueOf(input);
  const version = value ? store.addVersion(secret, value, token) : undefined;
  store.update(secret, { description: input.Description, kmsKeyId: input.KmsKeyId });
  return { ARN: secret.arn, Name: secret.name, VersionId: version?.versionId };
};

/** Succeeds on a secret scheduled for deletion, which then carries DeletedDate (spec §1.2). */
const describeSecret: Operation<SecretRef> = (input, { store, region }) => describeView(store.require(region, checkSecretId(input.SecretId)));

const getSecretValue: Operation<SecretRef & { VersionId?: string; VersionStage?: string }> = (input, { store, region }) => {
  const secret = store.require(region, checkSecretId(input.SecretId));
  if (secret.deletedMs !== undefined) throw markedForDeletion();
  checkLength('versionId', input.VersionId, 32, 64);
  checkLength('versionStage', input.VersionStage, 1, 256);
  const version = store.getVersion(secret, input.VersionId, input.VersionStage);
  store.markAccessed(secret);
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.versionId,
    SecretString: version.secretString,
    SecretBinary: version.secretBinary,
    VersionStages: [...version.stages],
    CreatedDate: epochSeconds(version.createdMs),
  };
};

const deleteSecret: Operation<SecretRef & { RecoveryWindowInDays?: number; ForceDeleteWithoutRecovery?: boolean }> = (input, { store, clock, region }) => {
  const secretId = checkSecretId(input.SecretId);
  const force = input.ForceDeleteWithoutRecovery === true;
  if (force && input.RecoveryWindowInDays !== undefined) {
    throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
  }
  const windowDays = input.RecoveryWindowInDays ?? MAX_RECOVERY_DAYS;
  if (windowDays < MIN_RECOVERY_DAYS || windowDays > MAX_RECOVERY_DAYS) {
    throw invalidParameter('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
  }
  const secret = store.find(region, secretId);
  if (!secret && force) {
    // Spec §1.2: forcing the delete of a missing secret succeeds.
    return { ARN: secretId.startsWith('arn:') ? secretId : undefined, Name: secretId.startsWith('arn:') ? undefined : secretId, DeletionDate: epochSeconds(clock.now()) };
  }
  const target = store.require(region, secretId);
  const deletionMs = store.delete(target, force ? 'force' : { windowDays });
  return { ARN: target.arn, Name: target.name, DeletionDate: epochSeconds(deletionMs) };
};

const restoreSecret: Operation<SecretRef> = (input, { store, region }) => {
  const secret = store.require(region, checkSecretId(input.SecretId));
  store.restore(secret);
  return { ARN: secret.arn, Name: secret.name };
};

const tagResource: Operation<SecretRef & { Tags?: Tag[] }> = (input, { store, region }) => {
  const secret = store.requireWritable(region, checkSecretId(input.SecretId));
  store.tag(secret, checkTagInput(requireField('tags', input.Tags)));
  return {};
};

const untagResource: Operation<SecretRef & { TagKeys?: string[] }> = (input, { store, region }) => {
  const secret = store.requireWritable(region, checkSecretId(input.SecretId));
  const keys = requireField('tagKeys', input.TagKeys);
  keys.forEach((key, i) => checkLength(`tagKeys.${i + 1}.member`, key, 1, LIMITS.tagKeyLength));
  store.untag(secret, keys);
  return {};
};

const listSecretsOperation: Operation<ListRequest> = (input, { store, region }) => {
  const { page, nextToken } = listSecrets(store.list(region), input);
  return { SecretList: page.map(listEntryView), NextToken: nextToken };
};

const replicateSecretToRegions: Operation<SecretRef & ReplicaRegionInput> = (input, { store, region }) => {
  const secret = store.requireWritable(region, checkSecretId(input.SecretId));
  const replicas = replicaRequestsOf(requireField('addReplicaRegions', input.AddReplicaRegions));
  const status = store.replicate(secret, replicas, input.ForceOverwriteReplicaSecret === true);
  return { ARN: secret.arn, ReplicationStatus: replicationStatusView(status) };
};

const removeRegionsFromReplication: Operation<SecretRef & { RemoveReplicaRegions?: string[] }> = (input, { store, region }) => {
  const secret = store.requireWritable(region, checkSecretId(input.SecretId));
  const regions = requireField('removeReplicaRegions', input.RemoveReplicaRegions);
  regions.forEach((r, i) => checkRegion(`removeReplicaRegions.${i + 1}.member`, r));
  const status = store.removeReplicas(secret, regions);
  return { ARN: secret.arn, ReplicationStatus: replicationStatusView(status) };
};

/** The Secrets Manager operations the emulator answers, by `X-Amz-Target` suffix. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation narrows its own input
export const SECRETS_MANAGER_OPERATIONS: Record<string, Operation<any>> = {
  CreateSecret: createSecret,
  PutSecretValue: putSecretValue,
  UpdateSecret: updateSecret,
  DescribeSecret: describeSecret,
  GetSecretValue: getSecretValue,
  DeleteSecret: deleteSecret,
  RestoreSecret: restoreSecret,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListSecrets: listSecretsOperation,
  ReplicateSecretToRegions: replicateSecretToRegions,
  RemoveRegionsFromReplication: removeRegionsFromReplication,
};

import { DescribeSecretCommandOutput } from '@aws-sdk/client-secrets-manager';
import { ExistingObject } from '@vault-sync/domain';
import { AwsTag, marksFromTags } from './aws-sm-tags';

const CURRENT_STAGE = 'AWSCURRENT';

/** What DescribeSecret told about a secret that the write and remove flows need besides the port's fields. */
export interface AwsSecretDetails {
  tags: AwsTag[];
  kmsKeyId?: string;
  /** Regions the secret is replicated to. */
  replicaRegions: string[];
  /** The version labelled AWSCURRENT: the base of the next write's idempotency token. */
  currentVersionId?: string;
}

/**
 * The port's view of a secret, carrying the details along so that a write or remove right after an inspect
 * needs no second DescribeSecret. An ExistingObject built elsewhere (without them) makes the adapter describe.
 */
export interface AwsExistingSecret extends ExistingObject {
  aws: AwsSecretDetails;
}

export function existingSecretOf(name: string, described: DescribeSecretCommandOutput): AwsExistingSecret {
  const tags = (described.Tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' }));
  const versions = Object.entries(described.VersionIdsToStages ?? {});
  return {
    name,
    externalId: described.ARN,
    marks: marksFromTags(tags),
    pendingDeletion: described.DeletedDate !== undefined,
    aws: {
      tags,
      kmsKeyId: described.KmsKeyId,
      replicaRegions: (described.ReplicationStatus ?? []).flatMap((r) => (r.Region ? [r.Region] : [])),
      currentVersionId: versions.find(([, stages]) => stages.includes(CURRENT_STAGE))?.[0],
    },
  };
}

export function detailsOf(existing: ExistingObject): AwsSecretDetails | undefined {
  return (existing as Partial<AwsExistingSecret>).aws;
}

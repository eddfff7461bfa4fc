import { EmulatorOptions } from '../core/control';

/** A long-term key pair the emulator accepts, as an IAM user's access key. */
export interface AwsCredential {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests must carry it as `x-amz-security-token` (as with temporary credentials). */
  sessionToken?: string;
  /** The identity shown in STS answers and AccessDenied messages; `arn:aws:iam::<account>:user/emulator` by default. */
  principalArn?: string;
}

/** A role STS AssumeRole may hand out, with its trust policy reduced to what a sync adapter meets. */
export interface AwsRoleTrust {
  roleArn: string;
  /** The `sts:ExternalId` condition; when set, AssumeRole must send exactly this value. */
  externalId?: string;
  /** Callers allowed by the trust policy; every configured key when omitted. */
  trustedAccessKeyIds?: string[];
  /** The role's MaxSessionDuration (900–43200 s); 3600 by default as in IAM. */
  maxSessionDurationSeconds?: number;
}

export interface AwsSmEmulatorOptions extends EmulatorOptions {
  /** The account in ARNs; `123456789012` by default. */
  accountId?: string;
  /** Key pairs whose SigV4 signatures are verified; AWS's documented example pair when omitted. */
  credentials?: AwsCredential[];
  roles?: AwsRoleTrust[];
  /** Requests per second across all operations before `ThrottlingException` (cleared by `control.reset()`). */
  tpsLimit?: number;
  /** How long a force-deleted name stays taken (spec §1.2: deletion is asynchronous); 0 by default. */
  forceDeleteDelayMs?: number;
}

export interface Tag {
  Key: string;
  Value: string;
}

/** A secret value as stored: exactly one of the two is set (binary as base64, as on the wire). */
export interface SecretValue {
  secretString?: string;
  secretBinary?: string;
}

export interface SecretVersion extends SecretValue {
  versionId: string;
  stages: string[];
  createdMs: number;
}

export type ReplicationState = 'InSync' | 'Failed';

export interface ReplicaStatus {
  region: string;
  kmsKeyId?: string;
  status: ReplicationState;
  statusMessage: string;
}

export interface StoredSecret {
  arn: string;
  name: string;
  region: string;
  /** The region the secret was created in; differs from `region` only on a replica. */
  primaryRegion: string;
  description?: string;
  kmsKeyId?: string;
  tags: Tag[];
  /** Oldest first. */
  versions: SecretVersion[];
  createdMs: number;
  lastChangedMs: number;
  lastAccessedMs?: number;
  /** Set while the secret is scheduled for deletion. */
  deletedMs?: number;
  /** When a scheduled (or forced, asynchronous) deletion removes the secret for good. */
  purgeAtMs?: number;
  /** On a primary: the regions it is replicated to. */
  replicas: ReplicaStatus[];
}

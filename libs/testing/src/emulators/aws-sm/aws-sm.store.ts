import { randomBytes } from 'node:crypto';
import { EmulatorClock } from '../core/clock';
import { invalidParameter, invalidRequest, limitExceeded, markedForDeletion, nameScheduledForDeletion, replicaNotWritable, resourceExists, resourceNotFound } from './aws-sm.errors';
import { checkTagCount, LIMITS, sameValue } from './aws-sm.rules';
import { ReplicaStatus, SecretValue, SecretVersion, StoredSecret, Tag } from './aws-sm.types';

export const CURRENT = 'AWSCURRENT';
export const PREVIOUS = 'AWSPREVIOUS';
const DAY_MS = 86_400_000;
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export interface NewSecret {
  name: string;
  description?: string;
  kmsKeyId?: string;
  tags: Tag[];
  value?: SecretValue;
  /** ClientRequestToken: becomes the first version's id. */
  token: string;
}

export interface ReplicaRequest {
  region: string;
  kmsKeyId?: string;
}

const randomSuffix = () => Array.from(randomBytes(6), (b) => SUFFIX_ALPHABET[b % SUFFIX_ALPHABET.length]).join('');
const copyVersions = (versions: SecretVersion[]) => versions.map((v) => ({ ...v, stages: [...v.stages] }));
const versionExists = () => resourceExists("You can't modify an existing version, you can only create a new version.");

/** Secrets per region, with Secrets Manager's lifecycle rules (spec §1.2). Errors are thrown as AwsServiceError. */
export class SecretStore {
  private readonly regions = new Map<string, Map<string, StoredSecret>>();

  constructor(
    private readonly accountId: string,
    private readonly clock: EmulatorClock,
    private readonly forceDeleteDelayMs: number,
  ) {}

  /** By name, full ARN, or partial ARN (without the random suffix). */
  find(region: string, secretId: string): StoredSecret | undefined {
    const secrets = this.secretsIn(region);
    if (!secretId.startsWith('arn:')) return secrets.get(secretId);
    return [...secrets.values()].find((s) => s.arn === secretId || s.arn.slice(0, -7) === secretId);
  }

  require(region: string, secretId: string): StoredSecret {
    const secret = this.find(region, secretId);
    if (!secret) throw resourceNotFound();
    return secret;
  }

  /** A secret that value and update calls may touch: not scheduled for deletion, not a replica. */
  requireWritable(region: string, secretId: string): StoredSecret {
    const secret = this.require(region, secretId);
    if (secret.deletedMs !== undefined) throw markedForDeletion();
    if (secret.region !== secret.primaryRegion) throw replicaNotWritable();
    return secret;
  }

  list(region: string): StoredSecret[] {
    return [...this.secretsIn(region).values()].sort((a, b) => a.createdMs - b.createdMs || (a.name < b.name ? -1 : 1));
  }

  create(region: string, input: NewSecret): { secret: StoredSecret; version?: SecretVersion; created: boolean } {
    const secrets = this.secretsIn(region);
    const existing = secrets.get(input.name);
    if (existing?.deletedMs !== undefined) throw nameScheduledForDeletion();
    if (existing) {
      // A retried create (same token, same value) answers as the first one did (spec §1.1: the SDK sends a token).
      const version = existing.versions.find((v) => v.versionId === input.token);
      if (version && input.value && sameValue(version, input.value)) return { secret: existing, version, created: false };
      if (version) throw versionExists();
      throw resourceExists(`The operation failed because the secret ${input.name} already exists.`);
    }
    const now = this.clock.now();
    const secret: StoredSecret = {
      arn: `arn:aws:secretsmanager:${region}:${this.accountId}:secret:${input.name}-${randomSuffix()}`,
      name: input.name,
      region,
      primaryRegion: region,
      description: input.description,
      kmsKeyId: input.kmsKeyId,
      tags: input.tags.map((t) => ({ Key: t.Key, Value: t.Value ?? '' })),
      versions: [],
      createdMs: now,
      lastChangedMs: now,
      replicas: [],
    };
    secrets.set(secret.name, secret);
    const version = input.value ? this.addVersion(secret, input.value, input.token) : undefined;
    return { secret, version, created: true };
  }

  /**
   * A new version (spec §1.2 PutSecretValue): the stages move to it, and when AWSCURRENT moves the old
   * current version becomes AWSPREVIOUS. The same token with the same value is a no-op.
   */
  addVersion(secret: StoredSecret, value: SecretValue, token: string, stages: string[] = [CURRENT]): SecretVersion {
    const existing = secret.versions.find((v) => v.versionId === token);
    if (existing) {
      if (sameValue(existing, value)) return existing;
      throw versionExists();
    }
    this.makeRoomForVersion(secret);
    const now = this.clock.now();
    const version: SecretVersion = { versionId: token, ...value, stages: [], createdMs: now };
    const previousCurrent = secret.versions.find((v) => v.stages.includes(CURRENT));
    for (const stage of stages) this.moveStage(secret, stage, version);
    if (stages.includes(CURRENT) && previousCurrent) this.moveStage(secret, PREVIOUS, previousCurrent);
    secret.versions.push(version);
    this.touch(secret);
    return version;
  }

  update(secret: StoredSecret, changes: { description?: string; kmsKeyId?: string }): void {
    if (changes.description !== undefined) secret.description = changes.description;
    if (changes.kmsKeyId !== undefined) secret.kmsKeyId = changes.kmsKeyId;
    this.touch(secret);
  }

  /** The version GetSecretValue answers with: by id and/or stage, AWSCURRENT by default. */
  getVersion(secret: StoredSecret, versionId?: string, stage?: string): SecretVersion {
    if (versionId !== undefined) {
      const version = secret.versions.find((v) => v.versionId === versionId);
      if (!version) throw resourceNotFound(`Secrets Manager can't find the specified secret value for VersionId: ${versionId}`);
      if (stage !== undefined && !version.stages.includes(stage)) throw resourceNotFound(`Secrets Manager can't find the specified secret value for staging label: ${stage}`);
      return version;
    }
    const label = stage ?? CURRENT;
    const version = secret.versions.find((v) => v.stages.includes(label));
    if (!version) throw resourceNotFound(`Secrets Manager can't find the specified secret value for staging label: ${label}`);
    return version;
  }

  /** LastAccessedDate is kept to the day, as AWS reports it. */
  markAccessed(secret: StoredSecret): void {
    const now = this.clock.now();
    secret.lastAccessedMs = now - (now % DAY_MS);
  }

  /** Returns the DeletionDate. A primary with replicas can't be deleted until they are removed [U wording]. */
  delete(secret: StoredSecret, recovery: { windowDays: number } | 'force'): number {
    if (secret.region !== secret.primaryRegion) throw replicaNotWritable();
    if (secret.replicas.length > 0) {
      throw invalidRequest(`You can't delete secret ${secret.name} because it is replicated to other Regions. Remove the replicas with RemoveRegionsFromReplication first.`);
    }
    const now = this.clock.now();
    if (recovery === 'force') {
      if (this.forceDeleteDelayMs <= 0) this.secretsIn(secret.region).delete(secret.name);
      else Object.assign(secret, { deletedMs: now, purgeAtMs: now + this.forceDeleteDelayMs });
      return now;
    }
    if (secret.deletedMs !== undefined) throw markedForDeletion();
    Object.assign(secret, { deletedMs: now, purgeAtMs: now + recovery.windowDays * DAY_MS, lastChangedMs: now });
    return secret.purgeAtMs as number;
  }

  restore(secret: StoredSecret): void {
    if (secret.region !== secret.primaryRegion) throw replicaNotWritable();
    secret.deletedMs = undefined;
    secret.purgeAtMs = undefined;
    this.touch(secret);
  }

  tag(secret: StoredSecret, tags: Tag[]): void {
    const merged = new Map(secret.tags.map((t) => [t.Key, t.Value]));
    for (const tag of tags) merged.set(tag.Key, tag.Value ?? '');
    checkTagCount(merged.size);
    secret.tags = [...merged].map(([Key, Value]) => ({ Key, Value }));
    this.touch(secret);
  }

  untag(secret: StoredSecret, keys: string[]): void {
    secret.tags = secret.tags.filter((t) => !keys.includes(t.Key));
    this.touch(secret);
  }

  /** Copies the secret to each region; a name taken there fails that replica unless `overwrite` [U status text]. */
  replicate(primary: StoredSecret, requests: ReplicaRequest[], overwrite: boolean): ReplicaStatus[] {
    for (const { region } of requests) {
      if (region === primary.region) throw invalidParameter(`Invalid replica Region: ${region} is the primary Region of the secret.`);
      if (primary.replicas.some((r) => r.region === region && r.status === 'InSync')) throw invalidParameter(`The secret is already replicated to Region ${region}.`);
    }
    for (const { region, kmsKeyId } of requests) {
      const taken = this.secretsIn(region).get(primary.name);
      let status: ReplicaStatus;
      if (taken && !overwrite) {
        status = { region, kmsKeyId, status: 'Failed', statusMessage: 'Replication failed: Secret name already exists in destination Region.' };
      } else {
        this.secretsIn(region).set(primary.name, this.replicaOf(primary, region, kmsKeyId));
        status = { region, kmsKeyId, status: 'InSync', statusMessage: 'Replication succeeded' };
      }
      primary.replicas = [...primary.replicas.filter((r) => r.region !== region), status];
    }
    this.touch(primary);
    return primary.replicas;
  }

  /** Deletes the replicas in these regions and forgets them (spec: RemoveRegionsFromReplication). */
  removeReplicas(primary: StoredSecret, regions: string[]): ReplicaStatus[] {
    for (const region of regions) {
      if (!primary.replicas.some((r) => r.region === region)) throw invalidParameter(`Invalid replica Region: the secret isn't replicated to ${region}.`);
    }
    for (const region of regions) {
      const replica = this.secretsIn(region).get(primary.name);
      if (replica && replica.primaryRegion === primary.region) this.secretsIn(region).delete(primary.name);
      primary.replicas = primary.replicas.filter((r) => r.region !== region);
    }
    this.touch(primary);
    return primary.replicas;
  }

  state(): Record<string, StoredSecret[]> {
    return Object.fromEntries([...this.regions.keys()].map((region) => [region, this.list(region)]));
  }

  reset(): void {
    this.regions.clear();
  }

  private secretsIn(region: string): Map<string, StoredSecret> {
    let secrets = this.regions.get(region);
    if (!secrets) this.regions.set(region, (secrets = new Map()));
    const now = this.clock.now();
    for (const secret of secrets.values()) {
      if (secret.purgeAtMs !== undefined && secret.purgeAtMs <= now) secrets.delete(secret.name);
    }
    return secrets;
  }

  private moveStage(secret: StoredSecret, stage: string, to: SecretVersion): void {
    for (const version of secret.versions) version.stages = version.stages.filter((s) => s !== stage);
    to.stages.push(stage);
  }

  /** Spec §1.3: unlabeled versions older than 24 h give way past 100 versions; otherwise the quota is hit [U wording]. */
  private makeRoomForVersion(secret: StoredSecret): void {
    const cutoff = this.clock.now() - DAY_MS;
    while (secret.versions.length >= LIMITS.versionsPerSecret) {
      const removable = secret.versions.findIndex((v) => v.stages.length === 0 && v.createdMs <= cutoff);
      if (removable < 0) throw limitExceeded(`You have exceeded the maximum number of versions (${LIMITS.versionsPerSecret}) for this secret.`);
      secret.versions.splice(removable, 1);
    }
  }

  private replicaOf(primary: StoredSecret, region: string, kmsKeyId: string | undefined): StoredSecret {
    return {
      ...primary,
      arn: primary.arn.replace(`:${primary.region}:`, `:${region}:`),
      region,
      kmsKeyId,
      tags: primary.tags.map((t) => ({ ...t })),
      versions: copyVersions(primary.versions),
      lastAccessedMs: undefined,
      replicas: [],
    };
  }

  /** Marks a change and mirrors it to in-sync replicas, which follow their primary. */
  private touch(secret: StoredSecret): void {
    secret.lastChangedMs = this.clock.now();
    for (const replica of secret.replicas) {
      const copy = this.regions.get(replica.region)?.get(secret.name);
      if (replica.status !== 'InSync' || !copy || copy.primaryRegion !== secret.region) continue;
      Object.assign(copy, { description: secret.description, tags: secret.tags.map((t) => ({ ...t })), versions: copyVersions(secret.versions), lastChangedMs: secret.lastChangedMs });
    }
  }
}

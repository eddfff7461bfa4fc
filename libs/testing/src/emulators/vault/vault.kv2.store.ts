import { mergePatch } from './vault.merge-patch';
import { childKeys } from './vault.kv-list';
import { formatDuration, formatTimestamp, VaultClock } from './vault.time';

/** Vault keeps this many versions when neither the secret nor the mount configures `max_versions`. */
export const DEFAULT_MAX_VERSIONS = 10;

export type SecretData = Record<string, unknown>;

interface KvVersion {
  createdNs: bigint;
  /** When the version is (or was scheduled to be) deleted; it counts as deleted once this has passed. */
  deletionNs?: bigint;
  destroyed: boolean;
  data?: SecretData;
}

interface KvSecret {
  /** Unset until the first version: a bare metadata write creates none (spec vault-change-capture §3.1). */
  createdNs?: bigint;
  updatedNs?: bigint;
  currentVersion: number;
  oldestVersion: number;
  maxVersions: number;
  casRequired: boolean;
  deleteVersionAfterNs: bigint;
  customMetadata: Record<string, string> | null;
  versions: Map<number, KvVersion>;
}

export interface KvConfig {
  maxVersions: number;
  casRequired: boolean;
  deleteVersionAfterNs: bigint;
}

export interface MetadataFields {
  maxVersions?: number;
  casRequired?: boolean;
  deleteVersionAfterNs?: bigint;
  customMetadata?: Record<string, string | null> | null;
}

export type WriteOutcome = { kind: 'written'; version: Record<string, unknown> } | { kind: 'cas-error'; message: string } | { kind: 'not-found' };

export type ReadOutcome =
  | { kind: 'found'; data: SecretData; metadata: Record<string, unknown> }
  /** Deleted or destroyed: KV answers 404 with the version metadata (vault-sync-api §8). */
  | { kind: 'gone'; metadata: Record<string, unknown> }
  | { kind: 'not-found' };

const CAS_REQUIRED = 'check-and-set parameter required for this call';
const CAS_MISMATCH = 'check-and-set parameter did not match the current version';
const EPOCH_TIMESTAMP = formatTimestamp(0n);

/** One KV v2 mount's secrets, versions and mount-wide config. Deletion by `delete_version_after` is lazy. */
export class KvV2Store {
  private readonly secrets = new Map<string, KvSecret>();
  config: KvConfig = { maxVersions: 0, casRequired: false, deleteVersionAfterNs: 0n };

  constructor(private readonly clock: VaultClock) {}

  /** The existence check that makes a POST/PUT `create` or `update`: it looks at metadata only. */
  exists(path: string): boolean {
    return this.secrets.has(path);
  }

  write(path: string, data: SecretData, cas: number | undefined): WriteOutcome {
    const secret = this.secrets.get(path);
    const refused = this.checkCas(secret, cas);
    if (refused) return refused;
    return { kind: 'written', version: this.addVersion(path, secret, data) };
  }

  patch(path: string, patch: SecretData, cas: number | undefined): WriteOutcome {
    const secret = this.secrets.get(path);
    const current = secret?.versions.get(secret.currentVersion);
    if (!secret || !current || !this.isLive(current)) return { kind: 'not-found' };
    const refused = this.checkCas(secret, cas);
    if (refused) return refused;
    return { kind: 'written', version: this.addVersion(path, secret, mergePatch(current.data ?? {}, patch) as SecretData) };
  }

  read(path: string, version?: number): ReadOutcome {
    const secret = this.secrets.get(path);
    if (!secret) return { kind: 'not-found' };
    const number = version || secret.currentVersion;
    const stored = secret.versions.get(number);
    if (!stored) return { kind: 'not-found' };
    const metadata = this.versionView(secret, number, stored);
    if (!this.isLive(stored)) return { kind: 'gone', metadata };
    return { kind: 'found', data: stored.data ?? {}, metadata };
  }

  /** Soft-deletes the latest version (`DELETE data/<path>`). */
  deleteLatest(path: string): void {
    const secret = this.secrets.get(path);
    if (secret) this.deleteVersions(path, [secret.currentVersion]);
  }

  deleteVersions(path: string, versions: number[]): void {
    const now = this.clock.nowNs();
    for (const stored of this.existingVersions(path, versions)) {
      if (this.isLive(stored)) stored.deletionNs = now;
    }
  }

  undelete(path: string, versions: number[]): void {
    const secret = this.secrets.get(path);
    if (!secret) return;
    const afterNs = this.deleteVersionAfter(secret);
    for (const stored of this.existingVersions(path, versions)) {
      if (!stored.destroyed) stored.deletionNs = afterNs > 0n ? this.clock.nowNs() + afterNs : undefined;
    }
  }

  destroy(path: string, versions: number[]): void {
    for (const stored of this.existingVersions(path, versions)) {
      stored.destroyed = true;
      delete stored.data;
    }
  }

  readMetadata(path: string): Record<string, unknown> | undefined {
    const secret = this.secrets.get(path);
    if (!secret) return undefined;
    const versions = Object.fromEntries(
      [...secret.versions].map(([number, stored]) => [String(number), { created_time: formatTimestamp(stored.createdNs), deletion_time: this.deletionTime(stored), destroyed: stored.destroyed }]),
    );
    return {
      cas_required: secret.casRequired,
      created_time: secret.createdNs === undefined ? EPOCH_TIMESTAMP : formatTimestamp(secret.createdNs),
      current_version: secret.currentVersion,
      custom_metadata: secret.customMetadata,
      delete_version_after: formatDuration(secret.deleteVersionAfterNs),
      max_versions: secret.maxVersions,
      oldest_version: secret.oldestVersion,
      updated_time: secret.updatedNs === undefined ? EPOCH_TIMESTAMP : formatTimestamp(secret.updatedNs),
      versions,
    };
  }

  /** `POST metadata/<path>`: creates the metadata when missing; only the given fields change. */
  writeMetadata(path: string, fields: MetadataFields): void {
    const secret = this.secrets.get(path) ?? this.emptySecret();
    this.secrets.set(path, secret);
    this.applyMetadata(secret, fields, false);
  }

  /** `PATCH metadata/<path>`: false when there is no metadata; `custom_metadata` merges, `null` removes a key. */
  patchMetadata(path: string, fields: MetadataFields): boolean {
    const secret = this.secrets.get(path);
    if (!secret) return false;
    this.applyMetadata(secret, fields, true);
    return true;
  }

  deleteMetadata(path: string): void {
    this.secrets.delete(path);
  }

  list(folder: string): string[] {
    return childKeys(this.secrets.keys(), folder);
  }

  /** The secret's keys with `null` leaves, nested objects followed down to `depth` levels (0: all). */
  subkeys(path: string, version: number | undefined, depth: number): ReadOutcome {
    const outcome = this.read(path, version);
    if (outcome.kind !== 'found') return outcome;
    const shape = (value: unknown, level: number): unknown => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
      if (depth > 0 && level >= depth) return null;
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner, level + 1)]));
    };
    const keys = Object.fromEntries(Object.entries(outcome.data).map(([key, inner]) => [key, shape(inner, 1)]));
    return { kind: 'found', data: keys, metadata: outcome.metadata };
  }

  readConfig(): Record<string, unknown> {
    const { casRequired, deleteVersionAfterNs, maxVersions } = this.config;
    return { cas_required: casRequired, delete_version_after: formatDuration(deleteVersionAfterNs), max_versions: maxVersions };
  }

  snapshot(): Record<string, unknown> {
    return {
      config: this.readConfig(),
      secrets: Object.fromEntries(
        [...this.secrets].map(([path, secret]) => {
          const data = Object.fromEntries([...secret.versions].map(([number, stored]) => [String(number), stored.data ?? null]));
          return [path, { metadata: this.readMetadata(path), data }];
        }),
      ),
    };
  }

  private emptySecret(): KvSecret {
    return { currentVersion: 0, oldestVersion: 0, maxVersions: 0, casRequired: false, deleteVersionAfterNs: 0n, customMetadata: null, versions: new Map() };
  }

  private applyMetadata(secret: KvSecret, fields: MetadataFields, merge: boolean): void {
    if (fields.maxVersions !== undefined) secret.maxVersions = fields.maxVersions;
    if (fields.casRequired !== undefined) secret.casRequired = fields.casRequired;
    if (fields.deleteVersionAfterNs !== undefined) secret.deleteVersionAfterNs = fields.deleteVersionAfterNs;
    if (fields.customMetadata === undefined) return;
    const merged = merge ? (mergePatch(secret.customMetadata ?? {}, fields.customMetadata ?? {}) as Record<string, string>) : fields.customMetadata;
    secret.customMetadata = merged === null ? null : (Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== null)) as Record<string, string>);
  }

  private checkCas(secret: KvSecret | undefined, cas: number | undefined): WriteOutcome | undefined {
    const required = this.config.casRequired || (secret?.casRequired ?? false);
    if (cas === undefined) return required ? { kind: 'cas-error', message: CAS_REQUIRED } : undefined;
    return cas === (secret?.currentVersion ?? 0) ? undefined : { kind: 'cas-error', message: CAS_MISMATCH };
  }

  private addVersion(path: string, existing: KvSecret | undefined, data: SecretData): Record<string, unknown> {
    const secret = existing ?? this.emptySecret();
    this.secrets.set(path, secret);
    const now = this.clock.nowNs();
    const afterNs = this.deleteVersionAfter(secret);
    const stored: KvVersion = { createdNs: now, deletionNs: afterNs > 0n ? now + afterNs : undefined, destroyed: false, data };
    secret.currentVersion += 1;
    secret.versions.set(secret.currentVersion, stored);
    secret.updatedNs = now;
    secret.createdNs ??= now;
    this.prune(secret);
    return this.versionView(secret, secret.currentVersion, stored);
  }

  /** Versions past `max_versions` are removed for good, oldest first; `oldest_version` moves past them. */
  private prune(secret: KvSecret): void {
    const maxVersions = secret.maxVersions || this.config.maxVersions || DEFAULT_MAX_VERSIONS;
    if (secret.versions.size <= maxVersions) return;
    const lastToDelete = secret.currentVersion - maxVersions;
    for (let number = secret.oldestVersion; number <= lastToDelete; number++) secret.versions.delete(number);
    secret.oldestVersion = lastToDelete + 1;
  }

  /** The secret's and the mount's `delete_version_after` combined: the shorter non-zero one; negative disables. */
  private deleteVersionAfter(secret: KvSecret): bigint {
    const own = secret.deleteVersionAfterNs;
    const mount = this.config.deleteVersionAfterNs;
    if (own < 0n || mount < 0n) return 0n;
    if (own === 0n) return mount;
    if (mount === 0n) return own;
    return own < mount ? own : mount;
  }

  private existingVersions(path: string, versions: number[]): KvVersion[] {
    const secret = this.secrets.get(path);
    if (!secret) return [];
    return versions.map((number) => secret.versions.get(number)).filter((stored): stored is KvVersion => stored !== undefined);
  }

  private isLive(stored: KvVersion): boolean {
    return !stored.destroyed && (stored.deletionNs === undefined || stored.deletionNs > this.clock.nowNs());
  }

  private deletionTime(stored: KvVersion): string {
    return stored.deletionNs === undefined ? '' : formatTimestamp(stored.deletionNs);
  }

  private versionView(secret: KvSecret, number: number, stored: KvVersion): Record<string, unknown> {
    return {
      created_time: formatTimestamp(stored.createdNs),
      custom_metadata: secret.customMetadata,
      deletion_time: this.deletionTime(stored),
      destroyed: stored.destroyed,
      version: number,
    };
  }
}

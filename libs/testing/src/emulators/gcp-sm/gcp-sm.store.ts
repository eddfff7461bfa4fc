import { etagMismatch, invalidArgument, secretExists, secretNotFound, secretNotFoundOrEmpty, versionInState, versionNotFound } from './gcp-sm.errors';
import { versionName } from './gcp-sm.names';
import { SecretFields, SecretRecord, VersionRecord } from './gcp-sm.types';

export type VersionAction = 'enable' | 'disable' | 'destroy';

export interface NewVersion {
  data: Buffer;
  crc32c: number;
  checksummed: boolean;
}

/** An etag given in a request must match, when given at all (spec §3.2; Secret Manager's etag docs). */
const etagMatches = (given: string | undefined, current: string) => !given || given === current;

/**
 * Secrets and their versions, by canonical resource name, with Secret Manager's lifecycle rules.
 * Deletion is immediate (no soft delete, spec §3.2); expiry and delayed destruction happen lazily on the
 * next look at the secret. Errors are thrown as GcpSmError.
 */
export class SecretManagerStore {
  private secrets = new Map<string, SecretRecord>();
  private lastEtagMicros = 0;

  constructor(private readonly now: () => number = Date.now) {}

  reset(): void {
    this.secrets = new Map();
  }

  create(name: string, fields: SecretFields): SecretRecord {
    if (this.find(name)) throw secretExists(name);
    const secret: SecretRecord = { name, createTimeMs: this.now(), etag: this.nextEtag(), versions: [], ...fields };
    this.checkAliases(secret, fields.versionAliases);
    this.secrets.set(name, secret);
    return secret;
  }

  get(name: string): SecretRecord {
    const secret = this.find(name);
    if (!secret) throw secretNotFound(name);
    return secret;
  }

  /** Secrets directly under `parent` (`projects/p` or `projects/p/locations/l`), oldest first. */
  list(parent: string): SecretRecord[] {
    const prefix = `${parent}/secrets/`;
    return [...this.secrets.keys()]
      .filter((name) => name.startsWith(prefix))
      .map((name) => this.find(name))
      .filter((secret): secret is SecretRecord => secret !== undefined);
  }

  update(name: string, fields: Partial<SecretFields>, etag: string | undefined): SecretRecord {
    const secret = this.get(name);
    if (!etagMatches(etag, secret.etag)) throw etagMismatch('Secret', name);
    if (fields.versionAliases) this.checkAliases(secret, fields.versionAliases);
    Object.assign(secret, fields, { etag: this.nextEtag() });
    return secret;
  }

  delete(name: string, etag: string | undefined): void {
    const secret = this.get(name);
    if (!etagMatches(etag, secret.etag)) throw etagMismatch('Secret', name);
    this.secrets.delete(name);
  }

  addVersion(secretName: string, payload: NewVersion): { secret: SecretRecord; version: VersionRecord } {
    const secret = this.get(secretName);
    const version: VersionRecord = {
      id: (secret.versions.at(-1)?.id ?? 0) + 1,
      createTimeMs: this.now(),
      state: 'ENABLED',
      etag: this.nextEtag(),
      data: payload.data,
      crc32c: payload.crc32c,
      clientSpecifiedPayloadChecksum: payload.checksummed,
    };
    secret.versions.push(version);
    return { secret, version };
  }

  /** `latest` is the newest version whatever its state; otherwise a number or an alias. */
  version(secretName: string, spec: string): { secret: SecretRecord; version: VersionRecord } {
    const secret = this.find(secretName);
    if (spec === 'latest') {
      const latest = secret?.versions.at(-1);
      if (!secret || !latest) throw secretNotFoundOrEmpty(secretName);
      return { secret, version: latest };
    }
    const id = /^\d+$/.test(spec) ? Number(spec) : secret?.versionAliases[spec];
    const version = secret?.versions.find((v) => v.id === id);
    if (!secret || !version) throw versionNotFound(versionName(secretName, spec));
    return { secret, version };
  }

  /** Versions of a secret, newest first. */
  versions(secretName: string): { secret: SecretRecord; versions: VersionRecord[] } {
    const secret = this.get(secretName);
    return { secret, versions: [...secret.versions].reverse() };
  }

  /** The version's payload, which only an ENABLED version gives out. */
  access(secretName: string, spec: string): { secret: SecretRecord; version: VersionRecord; data: Buffer } {
    const { secret, version } = this.version(secretName, spec);
    if (version.state !== 'ENABLED' || !version.data) throw versionInState(versionName(secretName, version.id), version.state);
    return { secret, version, data: version.data };
  }

  /**
   * Enable, disable or destroy. A DESTROYED version allows none of them; with a version destroy TTL on the
   * secret, destroy disables the version and schedules its destruction instead.
   */
  changeVersion(secretName: string, spec: string, action: VersionAction, etag: string | undefined): { secret: SecretRecord; version: VersionRecord } {
    const { secret, version } = this.version(secretName, spec);
    const name = versionName(secretName, version.id);
    if (!etagMatches(etag, version.etag)) throw etagMismatch('Secret Version', name);
    if (version.state === 'DESTROYED') throw versionInState(name, 'DESTROYED');
    const now = this.now();
    if (action === 'enable') Object.assign(version, { state: 'ENABLED', scheduledDestroyTimeMs: undefined });
    else if (action === 'disable') version.state = 'DISABLED';
    else if (secret.versionDestroyTtlMs) Object.assign(version, { state: 'DISABLED', scheduledDestroyTimeMs: version.scheduledDestroyTimeMs ?? now + secret.versionDestroyTtlMs });
    else this.destroy(version, now);
    version.etag = this.nextEtag();
    return { secret, version };
  }

  /** Everything, payloads included (a test double's state). */
  state(): unknown {
    return [...this.secrets.keys()]
      .map((name) => this.find(name))
      .filter((secret): secret is SecretRecord => secret !== undefined)
      .map(({ versions, ...secret }) => ({
        ...secret,
        versions: versions.map(({ data, ...version }) => ({ ...version, value: data?.toString('utf8'), dataBase64: data?.toString('base64') })),
      }));
  }

  /** The secret, after applying whatever its expiry and scheduled destructions say about now. */
  private find(name: string): SecretRecord | undefined {
    const secret = this.secrets.get(name);
    if (!secret) return undefined;
    const now = this.now();
    if (secret.expireTimeMs !== undefined && secret.expireTimeMs <= now) {
      this.secrets.delete(name);
      return undefined;
    }
    for (const version of secret.versions) {
      if (version.scheduledDestroyTimeMs !== undefined && version.scheduledDestroyTimeMs <= now) this.destroy(version, version.scheduledDestroyTimeMs);
    }
    return secret;
  }

  private destroy(version: VersionRecord, atMs: number): void {
    Object.assign(version, { state: 'DESTROYED', data: undefined, destroyTimeMs: atMs, scheduledDestroyTimeMs: undefined });
  }

  private checkAliases(secret: SecretRecord, aliases: Record<string, number>): void {
    for (const [alias, id] of Object.entries(aliases)) {
      if (!secret.versions.some((v) => v.id === id)) throw invalidArgument(`Version alias [${alias}] refers to version [${id}], which does not exist.`);
    }
  }

  /** Quoted, like the service's (`"1627be3c2c6fa0"`), and unique even within one millisecond. */
  private nextEtag(): string {
    this.lastEtagMicros = Math.max(this.lastEtagMicros + 1, this.now() * 1000);
    return `"${this.lastEtagMicros.toString(16)}"`;
  }
}

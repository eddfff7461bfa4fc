import { randomBytes } from 'node:crypto';
import { EmulatorClock } from '../core/clock';
import { beingDeleted, beingRecovered, deletedButRecoverable, deletedSecretNotFound, secretDisabled, secretNotFound } from './azure-kv.errors';
import { SecretPropertiesUpdate, SecretWrite, StoredSecret, StoredSecretVersion } from './azure-kv.types';

const DAY_SECONDS = 24 * 60 * 60;

export interface StoreTimings {
  retentionDays: number;
  deletionDelayMs: number;
  recoveryDelayMs: number;
  purgeDelayMs: number;
}

const key = (name: string) => name.toLowerCase();
const newVersionId = () => randomBytes(16).toString('hex');
const copyTags = (tags: Record<string, string> | undefined) => (tags === undefined ? undefined : { ...tags });

/**
 * Secrets with versions and soft delete (spec §2.3). Names ignore case. A delete or a recover takes effect at
 * once but "settles" after its delay: until then the secret is visible on neither surface and its name conflicts.
 * Every method throws a KeyVaultError for the wire.
 */
export class SecretStore {
  private secrets = new Map<string, StoredSecret>();
  /** Purged names that still refuse re-creation until the given instant (ms). */
  private purging = new Map<string, number>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly timings: StoreTimings,
  ) {}

  get recoverableDays(): number {
    return this.timings.retentionDays;
  }

  set(name: string, write: SecretWrite): { secret: StoredSecret; version: StoredSecretVersion } {
    this.assertNameFree(name);
    const now = this.clock.nowSeconds();
    const version: StoredSecretVersion = {
      version: newVersionId(),
      value: write.value,
      contentType: write.contentType,
      tags: copyTags(write.tags),
      enabled: write.enabled ?? true,
      nbf: write.nbf,
      exp: write.exp,
      created: now,
      updated: now,
    };
    const secret = this.secrets.get(key(name)) ?? { name, versions: [], settlesAtMs: 0 };
    secret.versions.push(version);
    this.secrets.set(key(name), secret);
    return { secret, version };
  }

  /** The latest version when `version` is empty; 403 when that version is disabled. */
  get(name: string, version = ''): { secret: StoredSecret; version: StoredSecretVersion } {
    const found = this.findVersion(name, version);
    if (!found.version.enabled) throw secretDisabled();
    return found;
  }

  update(name: string, version: string, update: SecretPropertiesUpdate): { secret: StoredSecret; version: StoredSecretVersion } {
    const found = this.findVersion(name, version);
    const target = found.version;
    if (update.contentType !== undefined) target.contentType = update.contentType;
    if (update.tags !== undefined) target.tags = copyTags(update.tags);
    if (update.enabled !== undefined) target.enabled = update.enabled;
    if (update.nbf !== undefined) target.nbf = update.nbf;
    if (update.exp !== undefined) target.exp = update.exp;
    target.updated = this.clock.nowSeconds();
    return found;
  }

  /** Soft delete: the secret moves to the deleted surface once the deletion delay has passed. */
  delete(name: string): StoredSecret {
    const recovering = this.current(name);
    if (recovering && !recovering.deletion && !this.settled(recovering)) throw beingRecovered(recovering.name);
    const secret = this.live(name);
    const deletedDate = this.clock.nowSeconds();
    secret.deletion = { deletedDate, scheduledPurgeDate: deletedDate + this.timings.retentionDays * DAY_SECONDS };
    secret.settlesAtMs = this.clock.now() + this.timings.deletionDelayMs;
    return secret;
  }

  getDeleted(name: string): StoredSecret {
    const secret = this.current(name);
    if (!secret?.deletion || !this.settled(secret)) throw deletedSecretNotFound();
    return secret;
  }

  recover(name: string): StoredSecret {
    const secret = this.deletedForChange(name);
    secret.deletion = undefined;
    secret.settlesAtMs = this.clock.now() + this.timings.recoveryDelayMs;
    return secret;
  }

  purge(name: string): void {
    const secret = this.deletedForChange(name);
    this.secrets.delete(key(secret.name));
    if (this.timings.purgeDelayMs > 0) this.purging.set(key(secret.name), this.clock.now() + this.timings.purgeDelayMs);
  }

  /** Live secrets, sorted by name (case-insensitive). */
  list(): StoredSecret[] {
    return this.sorted().filter((secret) => !secret.deletion && this.settled(secret));
  }

  listDeleted(): StoredSecret[] {
    return this.sorted().filter((secret) => secret.deletion && this.settled(secret));
  }

  versions(name: string): StoredSecret {
    return this.live(name);
  }

  state(): { secrets: StoredSecret[]; purging: { name: string; untilMs: number }[] } {
    this.expire();
    return {
      secrets: this.sorted().map((secret) => structuredClone(secret)),
      purging: [...this.purging].map(([name, untilMs]) => ({ name, untilMs })),
    };
  }

  reset(): void {
    this.secrets.clear();
    this.purging.clear();
  }

  private findVersion(name: string, version: string): { secret: StoredSecret; version: StoredSecretVersion } {
    const secret = this.live(name);
    const found = version === '' ? secret.versions[secret.versions.length - 1] : secret.versions.find((v) => v.version === version);
    if (!found) throw secretNotFound(`${name}/${version}`);
    return { secret, version: found };
  }

  /** A secret neither deleted nor mid-recovery: what the /secrets surface can see. */
  private live(name: string): StoredSecret {
    const secret = this.current(name);
    if (!secret || secret.deletion || !this.settled(secret)) throw secretNotFound(name);
    return secret;
  }

  /** A settled soft-deleted secret, for recover and purge; 409 while its delete is still in progress. */
  private deletedForChange(name: string): StoredSecret {
    const secret = this.current(name);
    if (!secret?.deletion) throw deletedSecretNotFound();
    if (!this.settled(secret)) throw beingDeleted(secret.name);
    return secret;
  }

  private assertNameFree(name: string): void {
    const secret = this.current(name);
    if ((this.purging.get(key(name)) ?? 0) > this.clock.now()) throw beingDeleted(name);
    if (!secret) return;
    if (secret.deletion) throw this.settled(secret) ? deletedButRecoverable(secret.name) : beingDeleted(secret.name);
    if (!this.settled(secret)) throw beingRecovered(secret.name);
  }

  private current(name: string): StoredSecret | undefined {
    this.expire();
    return this.secrets.get(key(name));
  }

  private settled(secret: StoredSecret): boolean {
    return secret.settlesAtMs <= this.clock.now();
  }

  /** Soft-deleted secrets past their scheduled purge date are gone, as are finished purge windows. */
  private expire(): void {
    const nowSeconds = this.clock.nowSeconds();
    for (const [name, secret] of this.secrets) {
      if (secret.deletion && secret.deletion.scheduledPurgeDate <= nowSeconds) this.secrets.delete(name);
    }
    const nowMs = this.clock.now();
    for (const [name, untilMs] of this.purging) if (untilMs <= nowMs) this.purging.delete(name);
  }

  private sorted(): StoredSecret[] {
    this.expire();
    return [...this.secrets.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, secret]) => secret);
  }
}

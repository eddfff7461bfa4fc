import { CredentialCipher } from '../crypto/credential-cipher';
import { GithubAppAlreadyExistsError, GithubAppNotFoundError } from '../errors';
import { executeAtomicWrite } from '../internal/atomic-write';
import { withOptimisticRetry } from '../internal/optimistic';
import { REVISION_FIELD, readVersioned, revisionOf, versionedFields } from '../internal/serialization';
import { StoreKeys } from '../keys';
import { StoreContext } from '../store-context';

/** A `sys/sync/github-apps` entry as stored, without its private key. */
export interface GithubApp {
  name: string;
  /** GitHub's numeric app id; immutable once created. */
  appId: number;
  /** Of the private key's public half (GitHub's format); derived by the caller, kept so reads never decrypt. */
  fingerprint: string;
  createdAt: string;
  updatedAt: string;
}

export interface NewGithubApp {
  name: string;
  appId: number;
  privateKey: string;
  fingerprint: string;
}

export type GithubAppKeyChange = Pick<NewGithubApp, 'privateKey' | 'fingerprint'>;

const PRIVATE_KEY_FIELD = 'private-key';

/**
 * GitHub apps that gh destinations authenticate as (spec §3.10). The private key is stored only as an envelope of
 * the store's {@link CredentialCipher}, bound to the app's name; {@link get} never decrypts it.
 */
export class GithubAppRepository {
  private readonly keys: StoreKeys;
  private readonly now: () => Date;

  constructor(
    private readonly ctx: StoreContext,
    private readonly cipher: CredentialCipher,
  ) {
    this.keys = new StoreKeys(ctx.prefix);
    this.now = ctx.now ?? (() => new Date());
  }

  /** @throws GithubAppAlreadyExistsError */
  async create({ privateKey, ...input }: NewGithubApp): Promise<GithubApp> {
    const at = this.now().toISOString();
    const app: GithubApp = { ...input, createdAt: at, updatedAt: at };
    const key = this.keys.githubApp(app.name);
    const created = await executeAtomicWrite(this.ctx.redis, {
      guards: [{ key, exists: false }],
      commands: [
        ['HSET', key, ...versionedFields(app, 0), PRIVATE_KEY_FIELD, this.cipher.encryptGithubAppKey(app.name, privateKey)],
        ['ZADD', this.keys.githubAppIndex(), 0, app.name],
      ],
    });
    if (!created) throw new GithubAppAlreadyExistsError(app.name);
    return app;
  }

  async get(name: string): Promise<GithubApp | undefined> {
    return readVersioned<GithubApp>(await this.ctx.redis.hgetall(this.keys.githubApp(name)))?.value;
  }

  /** The decrypted private key, for signing GitHub app tokens. */
  async privateKey(name: string): Promise<string | undefined> {
    const envelope = await this.ctx.redis.hget(this.keys.githubApp(name), PRIVATE_KEY_FIELD);
    return envelope === null ? undefined : this.cipher.decryptGithubAppKey(name, envelope);
  }

  /** Sorted by name. */
  list(): Promise<string[]> {
    return this.ctx.redis.zrange(this.keys.githubAppIndex(), 0, -1);
  }

  /** Replaces the private key (the only mutable part); without a change only `updatedAt` moves. @throws GithubAppNotFoundError */
  update(name: string, change: GithubAppKeyChange | undefined): Promise<GithubApp> {
    const key = this.keys.githubApp(name);
    return withOptimisticRetry(this.ctx.redis, `GitHub app ${name}`, async () => {
      const stored = readVersioned<GithubApp>(await this.ctx.redis.hgetall(key));
      if (stored === undefined) throw new GithubAppNotFoundError(name);
      const app: GithubApp = { ...stored.value, ...(change && { fingerprint: change.fingerprint }), updatedAt: this.now().toISOString() };
      const envelope = change ? [PRIVATE_KEY_FIELD, this.cipher.encryptGithubAppKey(name, change.privateKey)] : [];
      return {
        result: app,
        write: { guards: [{ key, field: REVISION_FIELD, equals: revisionOf(stored) }], commands: [['HSET', key, ...versionedFields(app, stored.revision), ...envelope]] },
      };
    });
  }

  /** `false` if it did not exist. */
  async delete(name: string): Promise<boolean> {
    const key = this.keys.githubApp(name);
    const replies = await this.ctx.redis.multi().del(key).zrem(this.keys.githubAppIndex(), name).exec();
    return replies?.[0]?.[1] === 1;
  }
}

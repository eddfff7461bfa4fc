import { Destination, DestinationKind, DestinationRef } from '@vault-sync/domain';
import {
  DestinationAlreadyExistsError,
  DestinationNotFoundError,
  DestinationPurgingError,
  DestinationRepository,
  GithubAppRepository,
  StoredDestination,
  maskCredentials,
} from '@vault-sync/store';
import { githubAppReferenceOf, unknownGithubAppError } from './github-app.service';
import { PurgeService } from './purge.service';

/** What a write sets: everything but identity and timestamps. */
export type DestinationDraft = Pick<Destination, 'connection' | 'credentials' | 'options'>;

/**
 * The per-type rules of a write (defaults, immutable fields, a masked credential kept as it is), supplied by the
 * caller so this service stays independent of the destination schemas. It gets the stored destination, with
 * credentials decrypted (`undefined` on create), returns the complete new draft, and throws a
 * `ConfigurationError` to refuse. It may run more than once when a concurrent write forces a retry.
 */
export type DestinationWrite = (current: Destination | undefined) => DestinationDraft;
export type DestinationPatch = (current: Destination) => DestinationDraft;

export interface DeleteOptions {
  purge?: boolean;
  /** Wins over `purge`: removes our records and orphans whatever is at the destination (spec §3.5). */
  forceDelete?: boolean;
}

export type DeleteOutcome = 'deleted' | 'purging';

/** Destinations (spec §3.2-§3.5). Every destination it returns has its credentials masked. */
export class DestinationService {
  constructor(
    private readonly destinations: Pick<DestinationRepository, 'create' | 'update' | 'getMasked' | 'list' | 'delete'>,
    private readonly purges: Pick<PurgeService, 'start'>,
    /** Without it, gh `app_name` references are not checked (for callers that never configure GitHub apps). */
    private readonly githubApps?: Pick<GithubAppRepository, 'list'>,
  ) {}

  /** POST/PUT: create, or update with the caller's merge of the stored destination. */
  async write(ref: DestinationRef, unchecked: DestinationWrite): Promise<StoredDestination> {
    const write = await this.withReferencesChecked(ref, unchecked);
    if ((await this.destinations.getMasked(ref)) === undefined) {
      try {
        return maskCredentials(await this.destinations.create({ type: ref.type, name: ref.name, ...write(undefined) }));
      } catch (err) {
        if (!(err instanceof DestinationAlreadyExistsError)) throw err;
      }
    }
    return this.update(ref, write);
  }

  /** PATCH: the destination must exist. */
  async patch(ref: DestinationRef, patch: DestinationPatch): Promise<StoredDestination> {
    return this.update(ref, await this.withReferencesChecked(ref, patch));
  }

  async read(ref: DestinationRef): Promise<StoredDestination> {
    const destination = await this.destinations.getMasked(ref);
    if (destination === undefined) throw new DestinationNotFoundError(ref);
    return destination;
  }

  /** Every destination, or those of one type; sorted by type, then name. */
  list(type?: DestinationKind): Promise<DestinationRef[]> {
    return this.destinations.list(type);
  }

  /**
   * Without options: refused while associations exist, with Vault's message. `purge`: unsyncs everything first
   * and deletes later (`purging`), or at once when there is nothing to unsync.
   */
  async delete(ref: DestinationRef, options: DeleteOptions = {}): Promise<DeleteOutcome> {
    if (options.forceDelete !== true && options.purge === true) {
      return (await this.purges.start(ref)) === 'deleted' ? 'deleted' : 'purging';
    }
    if (!(await this.destinations.delete(ref, { force: options.forceDelete === true }))) throw new DestinationNotFoundError(ref);
    return 'deleted';
  }

  /**
   * A gh draft naming a GitHub app that does not exist is refused. The names are read before the (synchronous,
   * possibly retried) merge runs; deleting an app re-checks its users, so the two meet in the middle.
   */
  private async withReferencesChecked<C extends Destination | undefined>(
    ref: DestinationRef,
    merge: (current: C) => DestinationDraft,
  ): Promise<(current: C) => DestinationDraft> {
    if (ref.type !== 'gh' || this.githubApps === undefined) return merge;
    const known = new Set(await this.githubApps.list());
    return (current) => {
      const draft = merge(current);
      const app = githubAppReferenceOf(draft.connection);
      if (app !== undefined && !known.has(app)) throw unknownGithubAppError(app);
      return draft;
    };
  }

  /** Refused while a purge runs (spec §3.5 recommendation), checked inside the optimistic write. */
  private async update(ref: DestinationRef, merge: DestinationPatch): Promise<StoredDestination> {
    const updated = await this.destinations.update(ref, (current) => {
      if (current.purgeInitiatedAt !== undefined) throw new DestinationPurgingError(ref);
      return merge(current);
    });
    return maskCredentials(updated);
  }
}

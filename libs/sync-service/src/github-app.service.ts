import { ClientSideError, ConfigurationError, ErrorCode } from '@vault-sync/domain';
import { CREDENTIAL_MASK, DestinationRepository, GithubApp, GithubAppAlreadyExistsError, GithubAppNotFoundError, GithubAppRepository } from '@vault-sync/store';
import { githubAppKeyFingerprint } from './github-app-key';

/** A write of `sys/sync/github-apps/:name`, validated at the edge; what is absent stays as stored. */
export interface GithubAppWrite {
  appId?: number;
  privateKey?: string;
}

/** Vault's read shape (spec §3.10); the private key is never returned. */
export interface GithubAppView {
  app_id: number;
  name: string;
  fingerprint: string;
  private_key: typeof CREDENTIAL_MASK;
}

export class GithubAppInUseError extends ClientSideError {
  constructor(appName: string, destinations: readonly string[]) {
    super(ErrorCode.GithubAppInUse, `GitHub app ${appName} cannot be deleted while destinations use it: ${destinations.join(', ')}`);
  }
}

/** The gh destination field naming a GitHub app (spec §4.4). */
export const GITHUB_APP_REFERENCE_FIELD = 'app_name';

/** The app a gh destination's connection refers to, if any. */
export function githubAppReferenceOf(connection: Record<string, unknown>): string | undefined {
  const name = connection[GITHUB_APP_REFERENCE_FIELD];
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** A gh destination may only name an app that exists (our decision: 400 at write time, not a failure at sync time). */
export function unknownGithubAppError(name: string): ConfigurationError {
  return new ConfigurationError(
    ErrorCode.InvalidConfiguration,
    `${GITHUB_APP_REFERENCE_FIELD}: GitHub app ${name} does not exist (create it at sys/sync/github-apps/${name} first)`,
    GITHUB_APP_REFERENCE_FIELD,
  );
}

/** GitHub apps gh destinations authenticate as (spec §3.10). */
export class GithubAppService {
  constructor(
    private readonly apps: Pick<GithubAppRepository, 'create' | 'get' | 'list' | 'update' | 'delete'>,
    private readonly destinations: Pick<DestinationRepository, 'list' | 'getMasked'>,
  ) {}

  /** POST/PUT: create (app id and key required), or replace the key; the app id can never change. */
  async write(name: string, input: GithubAppWrite): Promise<GithubAppView> {
    const keyChange = input.privateKey === undefined ? undefined : { privateKey: input.privateKey, fingerprint: githubAppKeyFingerprint(input.privateKey) };
    const current = await this.apps.get(name);
    if (current === undefined) {
      if (input.appId === undefined) throw requiredField('app_id');
      if (keyChange === undefined) throw requiredField('private_key');
      try {
        return view(await this.apps.create({ name, appId: input.appId, ...keyChange }));
      } catch (err) {
        if (!(err instanceof GithubAppAlreadyExistsError)) throw err;
        return this.write(name, input);
      }
    }
    if (input.appId !== undefined && input.appId !== current.appId) {
      throw new ConfigurationError(ErrorCode.InvalidConfiguration, 'app_id: cannot be changed; delete the app and create it again', 'app_id');
    }
    return view(await this.apps.update(name, keyChange));
  }

  async read(name: string): Promise<GithubAppView> {
    const app = await this.apps.get(name);
    if (app === undefined) throw new GithubAppNotFoundError(name);
    return view(app);
  }

  list(): Promise<string[]> {
    return this.apps.list();
  }

  /** Refused while a gh destination refers to the app (spec §3.10). */
  async delete(name: string): Promise<Pick<GithubAppView, 'app_id' | 'name'>> {
    const app = await this.apps.get(name);
    if (app === undefined) throw new GithubAppNotFoundError(name);
    const users = await this.destinationsUsing(name);
    if (users.length > 0) throw new GithubAppInUseError(name, users);
    await this.apps.delete(name);
    return { app_id: app.appId, name };
  }

  private async destinationsUsing(name: string): Promise<string[]> {
    const users: string[] = [];
    for (const ref of await this.destinations.list('gh')) {
      const destination = await this.destinations.getMasked(ref);
      if (destination !== undefined && githubAppReferenceOf(destination.connection) === name) users.push(`gh/${ref.name}`);
    }
    return users;
  }
}

function requiredField(field: string): ConfigurationError {
  return new ConfigurationError(ErrorCode.InvalidConfiguration, `${field}: is required`, field);
}

function view(app: GithubApp): GithubAppView {
  return { app_id: app.appId, name: app.name, fingerprint: app.fingerprint, private_key: CREDENTIAL_MASK };
}

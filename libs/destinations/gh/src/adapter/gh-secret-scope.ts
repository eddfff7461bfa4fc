import { ErrorCode, VaultSyncError } from '@vault-sync/domain';
import { classifyGhError, ghStatusOf } from './gh-errors';
import { GhPublicKey, SealedValue } from './gh-sealed-box';
import { describeScope, GhScope } from './gh-settings';
import { OctokitClient } from './octokit';

/** The four raw calls of one scope's secret routes, by Octokit method (spec destination-protocols §4.2). */
interface ScopeRoutes {
  operations: { publicKey: string; get: string; put: string; remove: string };
  publicKey(): Promise<{ data: GhPublicKey }>;
  get(name: string): Promise<unknown>;
  /** Answers 201 when it created the secret, 204 when it updated it. */
  put(name: string, sealed: SealedValue): Promise<{ status: number }>;
  remove(name: string): Promise<unknown>;
}

/**
 * The Actions secrets of one repository, environment or organization, with failures classified. Absent secrets
 * are answers, not errors: `exists` is false and `remove` succeeds.
 */
export class GhSecretScope {
  readonly description: string;

  constructor(
    private readonly routes: ScopeRoutes,
    scope: GhScope,
  ) {
    this.description = describeScope(scope);
  }

  publicKey(): Promise<GhPublicKey> {
    return this.call(this.routes.operations.publicKey, `the public key of ${this.description}`, async () => (await this.routes.publicKey()).data);
  }

  async exists(name: string): Promise<boolean> {
    return this.call(this.routes.operations.get, this.secret(name), async () => {
      try {
        await this.routes.get(name);
        return true;
      } catch (error) {
        if (ghStatusOf(error) === 404) return false;
        throw error;
      }
    });
  }

  /** Whether the PUT created the secret (201) rather than updating it (204). */
  async put(name: string, sealed: SealedValue): Promise<boolean> {
    return this.call(this.routes.operations.put, this.secret(name), async () => (await this.routes.put(name, sealed)).status === 201);
  }

  async remove(name: string): Promise<void> {
    await this.call(this.routes.operations.remove, this.secret(name), async () => {
      try {
        await this.routes.remove(name);
      } catch (error) {
        if (ghStatusOf(error) !== 404) throw error;
      }
    });
  }

  private secret(name: string): string {
    return `secret ${name} in ${this.description}`;
  }

  private async call<T>(operation: string, target: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw classifyGhError(error, { operation, target });
    }
  }
}

/** A 422 on a secret PUT: a stale key id or an unopenable box, or a name or size rule (spec §4.2, §4.4). */
export function isRejectedWrite(error: unknown): boolean {
  return error instanceof VaultSyncError && error.code === ErrorCode.DestinationRejected && error.statusCode === 422;
}

export function secretScopeFor(octokit: OctokitClient, scope: GhScope): GhSecretScope {
  return new GhSecretScope(routesFor(octokit, scope), scope);
}

function routesFor(octokit: OctokitClient, scope: GhScope): ScopeRoutes {
  const { actions } = octokit.rest;
  switch (scope.kind) {
    case 'repository': {
      const repo = { owner: scope.owner, repo: scope.repository };
      return {
        operations: { publicKey: 'actions.getRepoPublicKey', get: 'actions.getRepoSecret', put: 'actions.createOrUpdateRepoSecret', remove: 'actions.deleteRepoSecret' },
        publicKey: () => actions.getRepoPublicKey(repo),
        get: (name) => actions.getRepoSecret({ ...repo, secret_name: name }),
        put: (name, sealed) => actions.createOrUpdateRepoSecret({ ...repo, secret_name: name, ...sealed }),
        remove: (name) => actions.deleteRepoSecret({ ...repo, secret_name: name }),
      };
    }
    case 'environment': {
      const environment = { owner: scope.owner, repo: scope.repository, environment_name: scope.environment };
      return {
        operations: {
          publicKey: 'actions.getEnvironmentPublicKey',
          get: 'actions.getEnvironmentSecret',
          put: 'actions.createOrUpdateEnvironmentSecret',
          remove: 'actions.deleteEnvironmentSecret',
        },
        publicKey: () => actions.getEnvironmentPublicKey(environment),
        get: (name) => actions.getEnvironmentSecret({ ...environment, secret_name: name }),
        put: (name, sealed) => actions.createOrUpdateEnvironmentSecret({ ...environment, secret_name: name, ...sealed }),
        remove: (name) => actions.deleteEnvironmentSecret({ ...environment, secret_name: name }),
      };
    }
    case 'organization': {
      const org = { org: scope.organization };
      const selection = new SelectedRepositories(octokit, scope.organization, scope.selectedRepositoryNames);
      return {
        operations: { publicKey: 'actions.getOrgPublicKey', get: 'actions.getOrgSecret', put: 'actions.createOrUpdateOrgSecret', remove: 'actions.deleteOrgSecret' },
        publicKey: () => actions.getOrgPublicKey(org),
        get: (name) => actions.getOrgSecret({ ...org, secret_name: name }),
        // The selection is re-sent on every write: GitHub clears it on an update without one (spec vault-sync-api §4.4).
        put: async (name, sealed) =>
          actions.createOrUpdateOrgSecret({
            ...org,
            secret_name: name,
            ...sealed,
            visibility: scope.visibility,
            ...(scope.visibility === 'selected' ? { selected_repository_ids: await selection.ids() } : {}),
          }),
        remove: (name) => actions.deleteOrgSecret({ ...org, secret_name: name }),
      };
    }
  }
}

/** `selected_repository_names` resolved to the ids GitHub takes, once per adapter (one `repos.get` each). */
class SelectedRepositories {
  private resolved: number[] | undefined;

  constructor(
    private readonly octokit: OctokitClient,
    private readonly organization: string,
    private readonly names: readonly string[],
  ) {}

  async ids(): Promise<number[]> {
    this.resolved ??= await Promise.all(this.names.map((name) => this.idOf(name)));
    return this.resolved;
  }

  private async idOf(name: string): Promise<number> {
    try {
      return (await this.octokit.rest.repos.get({ owner: this.organization, repo: name })).data.id;
    } catch (error) {
      throw classifyGhError(error, { operation: 'repos.get', target: `selected repository ${this.organization}/${name}` });
    }
  }
}

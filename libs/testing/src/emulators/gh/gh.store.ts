import { randomInt } from 'node:crypto';
import { JwtVerifier, publicKeyFromPem } from './gh.app-jwt';
import { ScopeKeyPair } from './gh.sealed-box';
import {
  Account,
  AppSeed,
  Environment,
  GhSeed,
  Installation,
  InstallationToken,
  OrgSecret,
  Repository,
  SecretScopeRef,
  SecretVisibility,
  StoredSecret,
} from './gh.types';

/** One public key and the secrets sealed to it: a repository, an environment or an organization. */
export interface SecretScope<S extends StoredSecret = StoredSecret> {
  keys: ScopeKeyPair;
  secrets: Map<string, S>;
}

export interface RepositoryRecord extends SecretScope {
  repository: Repository;
  environments: Map<string, EnvironmentRecord>;
}

export interface EnvironmentRecord extends SecretScope {
  environment: Environment;
}

export interface OrganizationRecord extends SecretScope<OrgSecret> {
  account: Account;
}

interface AppRecord extends JwtVerifier {
  clientId?: string;
}

const INSTALLATION_TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const newScope = <S extends StoredSecret>(): SecretScope<S> => ({ keys: new ScopeKeyPair(), secrets: new Map() });
const fold = (name: string) => name.toLowerCase();
const repoKey = (owner: string, name: string) => `${fold(owner)}/${fold(name)}`;

/** Accounts, repositories, environments, credentials and secrets, in memory. */
export class GhStore {
  private nextId = 1_000_001;
  private accounts = new Map<string, Account>();
  private organizations = new Map<string, OrganizationRecord>();
  private repositories = new Map<string, RepositoryRecord>();
  /** Personal access token → the user id GitHub would name in a rate-limit message. */
  private tokens = new Map<string, number>();
  private apps = new Map<number, AppRecord>();
  private installations = new Map<number, Installation>();
  private installationTokens = new Map<string, InstallationToken>();

  /** `initial` is what {@link reset} returns to; `installationTokenTtlMs` is GitHub's one hour by default. */
  constructor(
    private readonly initial: GhSeed,
    private readonly now: () => number,
    private readonly installationTokenTtlMs = 3_600_000,
  ) {
    this.reset();
  }

  reset(): void {
    this.nextId = 1_000_001;
    this.accounts = new Map();
    this.organizations = new Map();
    this.repositories = new Map();
    this.tokens = new Map();
    this.apps = new Map();
    this.installations = new Map();
    this.installationTokens = new Map();
    this.seed(this.initial);
  }

  /** Adds to what is there; organizations first, so repositories can find their owner's type. */
  seed(seed: GhSeed): void {
    for (const { login, id } of seed.organizations ?? []) {
      if (this.organizations.has(fold(login))) continue;
      const account: Account = { login, id: this.takeId(id), type: 'Organization' };
      this.accounts.set(fold(login), account);
      this.organizations.set(fold(login), { account, ...newScope<OrgSecret>() });
    }
    for (const { owner, name, id, private: isPrivate = false, environments = [] } of seed.repositories ?? []) {
      const record = this.repositories.get(repoKey(owner, name)) ?? this.addRepository(this.accountFor(owner), name, id, isPrivate);
      for (const environmentName of environments) this.addEnvironment(record, environmentName);
    }
    for (const token of seed.tokens ?? []) if (!this.tokens.has(token)) this.tokens.set(token, this.takeId(undefined));
    for (const app of seed.apps ?? []) this.addApp(app);
  }

  /** The user a personal access token belongs to, by id. */
  userIdOfToken(token: string): number | undefined {
    return this.tokens.get(token);
  }

  /** An app by the JWT's `iss`: its numeric id or its client id. */
  appByIssuer(issuer: string): JwtVerifier | undefined {
    return [...this.apps.values()].find((app) => String(app.appId) === issuer || app.clientId === issuer);
  }

  installation(id: number): Installation | undefined {
    return this.installations.get(id);
  }

  issueInstallationToken(installation: Installation, repositoryIds: number[] | undefined): InstallationToken {
    const suffix = Array.from({ length: 36 }, () => INSTALLATION_TOKEN_ALPHABET[randomInt(INSTALLATION_TOKEN_ALPHABET.length)]).join('');
    const issued: InstallationToken = { token: `ghs_${suffix}`, installationId: installation.id, expiresAtMs: this.now() + this.installationTokenTtlMs, repositoryIds };
    this.installationTokens.set(issued.token, issued);
    return issued;
  }

  installationToken(token: string): InstallationToken | undefined {
    return this.installationTokens.get(token);
  }

  revokeInstallationToken(token: string): void {
    this.installationTokens.delete(token);
  }

  repository(owner: string, name: string): RepositoryRecord | undefined {
    return this.repositories.get(repoKey(owner, name));
  }

  repositoryById(id: number): RepositoryRecord | undefined {
    return [...this.repositories.values()].find((record) => record.repository.id === id);
  }

  repositoriesOwnedBy(login: string): RepositoryRecord[] {
    return [...this.repositories.values()].filter((record) => fold(record.repository.owner.login) === fold(login));
  }

  organization(login: string): OrganizationRecord | undefined {
    return this.organizations.get(fold(login));
  }

  environment(record: RepositoryRecord, name: string): EnvironmentRecord | undefined {
    return record.environments.get(fold(name));
  }

  /** The scope a control call names, for key rotation. */
  scope(ref: SecretScopeRef): SecretScope<StoredSecret> | undefined {
    if (ref.organization !== undefined) return this.organization(ref.organization);
    const [owner = '', name = ''] = ref.repository.split('/');
    const record = this.repository(owner, name);
    if (!record || ref.environment === undefined) return record;
    return this.environment(record, ref.environment);
  }

  /** Creates or replaces a secret; true when it was created (GitHub's 201 rather than 204). */
  putSecret(scope: SecretScope, name: string, value: string): boolean {
    const existing = scope.secrets.get(name);
    const now = this.now();
    scope.secrets.set(name, { name, value, createdAt: existing?.createdAt ?? now, updatedAt: now });
    return existing === undefined;
  }

  putOrgSecret(org: OrganizationRecord, name: string, value: string, visibility: SecretVisibility, selectedRepositoryIds: number[]): boolean {
    const existing = org.secrets.get(name);
    const now = this.now();
    org.secrets.set(name, { name, value, visibility, selectedRepositoryIds: [...new Set(selectedRepositoryIds)], createdAt: existing?.createdAt ?? now, updatedAt: now });
    return existing === undefined;
  }

  removeSecret(scope: SecretScope<StoredSecret>, name: string): void {
    scope.secrets.delete(name);
  }

  /** Replaces the repositories a `selected` organization secret is shared with. */
  selectRepositories(secret: OrgSecret, repositoryIds: number[]): void {
    secret.selectedRepositoryIds = [...new Set(repositoryIds)];
  }

  snapshot() {
    const secretsOf = (scope: SecretScope) => [...scope.secrets.values()].map((secret) => ({ ...secret }));
    return {
      organizations: [...this.organizations.values()].map((org) => ({
        login: org.account.login,
        id: org.account.id,
        publicKey: org.keys.view(),
        secrets: [...org.secrets.values()].map((secret) => ({ ...secret, selectedRepositoryIds: [...secret.selectedRepositoryIds] })),
      })),
      repositories: [...this.repositories.values()].map((record) => ({
        owner: record.repository.owner.login,
        name: record.repository.name,
        id: record.repository.id,
        private: record.repository.private,
        publicKey: record.keys.view(),
        secrets: secretsOf(record),
        environments: [...record.environments.values()].map((env) => ({
          name: env.environment.name,
          id: env.environment.id,
          publicKey: env.keys.view(),
          secrets: secretsOf(env),
        })),
      })),
      tokens: [...this.tokens].map(([token, userId]) => ({ token, userId })),
      apps: [...this.apps.values()].map(({ appId, clientId }) => ({
        appId,
        clientId,
        installations: [...this.installations.values()].filter((i) => i.appId === appId).map((i) => ({ ...i, account: i.account.login })),
      })),
      installationTokens: [...this.installationTokens.values()].map((issued) => ({ ...issued })),
    };
  }

  private takeId(wanted: number | undefined): number {
    if (wanted === undefined) return this.nextId++;
    this.nextId = Math.max(this.nextId, wanted + 1);
    return wanted;
  }

  private accountFor(login: string): Account {
    const known = this.accounts.get(fold(login));
    if (known) return known;
    const user: Account = { login, id: this.takeId(undefined), type: 'User' };
    this.accounts.set(fold(login), user);
    return user;
  }

  private addRepository(owner: Account, name: string, id: number | undefined, isPrivate: boolean): RepositoryRecord {
    const record: RepositoryRecord = { repository: { id: this.takeId(id), owner, name, private: isPrivate }, environments: new Map(), ...newScope() };
    this.repositories.set(repoKey(owner.login, name), record);
    return record;
  }

  private addEnvironment(record: RepositoryRecord, name: string): void {
    if (record.environments.has(fold(name))) return;
    record.environments.set(fold(name), { environment: { id: this.takeId(undefined), name, createdAt: this.now() }, ...newScope() });
  }

  private addApp({ appId, clientId, publicKeyPem, installations = [] }: AppSeed): void {
    this.apps.set(appId, { appId, clientId, publicKey: publicKeyFromPem(publicKeyPem) });
    for (const { id, account, repositories } of installations) {
      const repositoryNames = repositories?.map(fold);
      this.installations.set(id, { id, appId, account: this.accountFor(account), ...(repositoryNames ? { repositoryNames } : {}) });
    }
  }
}

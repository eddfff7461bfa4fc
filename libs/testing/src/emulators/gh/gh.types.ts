/** GitHub accounts, repositories and Actions secrets as the emulator holds them (spec §4). */

export const SECRET_VISIBILITIES = ['all', 'private', 'selected'] as const;
export type SecretVisibility = (typeof SECRET_VISIBILITIES)[number];

export interface OrganizationSeed {
  login: string;
  /** Generated when omitted. */
  id?: number;
}

export interface RepositorySeed {
  /** An organization's or a user's login; an owner not seeded as an organization is a user. */
  owner: string;
  name: string;
  /** Generated when omitted. */
  id?: number;
  private?: boolean;
  /** Deployment environments, each with its own secrets and public key. */
  environments?: string[];
}

export interface InstallationSeed {
  id: number;
  /** The organization or user the app is installed on. */
  account: string;
  /** Repository names under `account` the installation may reach; all of the account's when omitted. */
  repositories?: string[];
}

export interface AppSeed {
  appId: number;
  /** Optional `Iv1.…` client id, accepted as the JWT `iss` like the app id. */
  clientId?: string;
  /** The RSA public key (PEM, SPKI or PKCS#1) that verifies the app's RS256 JWTs. */
  publicKeyPem: string;
  installations?: InstallationSeed[];
}

/** What tests (options or `POST /__emulator/seed`) put in before driving the API. */
export interface GhSeed {
  organizations?: OrganizationSeed[];
  repositories?: RepositorySeed[];
  /** Personal access tokens; each may reach every seeded repository and organization. */
  tokens?: string[];
  apps?: AppSeed[];
}

export interface Account {
  login: string;
  id: number;
  type: 'Organization' | 'User';
}

export interface Repository {
  id: number;
  owner: Account;
  name: string;
  private: boolean;
}

export interface Environment {
  id: number;
  name: string;
  createdAt: number;
}

export interface Installation {
  id: number;
  appId: number;
  account: Account;
  /** Lower-case repository names; undefined means all of the account's repositories. */
  repositoryNames?: string[];
}

export interface InstallationToken {
  token: string;
  installationId: number;
  expiresAtMs: number;
  /** Repository ids the token is narrowed to; undefined means all the installation reaches. */
  repositoryIds?: number[];
}

export interface StoredSecret {
  /** Upper-case, as GitHub stores it (spec §4.4). */
  name: string;
  /** The plaintext opened from the sealed box: a test double may show it. */
  value: string;
  createdAt: number;
  updatedAt: number;
}

export interface OrgSecret extends StoredSecret {
  visibility: SecretVisibility;
  selectedRepositoryIds: number[];
}

/** Which key and secret set a request addresses. */
export type SecretScopeRef =
  | { repository: string; environment?: undefined; organization?: undefined }
  | { repository: string; environment: string; organization?: undefined }
  | { organization: string; repository?: undefined; environment?: undefined };

/** The primary (hourly, per credential) and secondary (points per short window) limits of spec §4.6. */
export interface GhRateLimits {
  primary?: { limit?: number; unauthenticatedLimit?: number; windowMs?: number; status?: 403 | 429 };
  /** Reads cost 1 point and writes 5, as GitHub counts them. */
  secondary?: { points?: number; windowMs?: number; status?: 403 | 429 };
}

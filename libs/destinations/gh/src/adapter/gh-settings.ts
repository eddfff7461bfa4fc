import { Destination } from '@vault-sync/domain';
import { z } from 'zod';
import { GH_ORGANIZATION_VISIBILITIES, GH_SECRETS_LOCATIONS } from '../gh.constants';

export type GhOrganizationVisibility = (typeof GH_ORGANIZATION_VISIBILITIES)[number];

/** Which secret set the destination writes to; each has its own public key (spec destination-protocols §4.2). */
export type GhScope =
  | { kind: 'repository'; owner: string; repository: string }
  | { kind: 'environment'; owner: string; repository: string; environment: string }
  | { kind: 'organization'; organization: string; visibility: GhOrganizationVisibility; selectedRepositoryNames: readonly string[] };

export type GhAuth = { kind: 'token'; token: string } | { kind: 'app'; appName: string; installationId: number };

/** What the adapter needs from a stored gh destination, typed. */
export interface GhSettings {
  auth: GhAuth;
  scope: GhScope;
  /** The REST API root of a GitHub Enterprise Server; undefined: the worker's default (github.com). */
  enterpriseApiUrl?: string;
}

const connectionSchema = z.looseObject({
  app_name: z.string().optional(),
  installation_id: z.number().int().optional(),
  enterprise_url: z.string().optional(),
  secrets_location: z.enum(GH_SECRETS_LOCATIONS).default('repository'),
  repository_owner: z.string().optional(),
  repository_name: z.string().optional(),
  environment_name: z.string().optional(),
  organization_name: z.string().optional(),
  organization_visibility: z.enum(GH_ORGANIZATION_VISIBILITIES).optional(),
  selected_repository_names: z.array(z.string()).optional(),
});

const credentialsSchema = z.looseObject({ access_token: z.string().optional() });

/** The API path of GitHub Enterprise Server. */
const ENTERPRISE_API_PATH = '/api/v3';

/**
 * `enterprise_url` names the server (`https://github.example.com`), whose REST API lives under `/api/v3`, as
 * go-github's enterprise client assumes. A URL with a path of its own is taken as the API root itself [I].
 */
export function enterpriseApiUrl(enterpriseUrl: string): string {
  const url = new URL(enterpriseUrl);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path === '' ? ENTERPRISE_API_PATH : path}`;
}

/** Reads the stored destination; the API validated it on write, so a failure here is a stored-data bug. */
export function ghSettingsOf(destination: Destination): GhSettings {
  const connection = connectionSchema.parse(destination.connection);
  const { access_token: token } = credentialsSchema.parse(destination.credentials);
  return {
    auth: authOf(connection, token),
    scope: scopeOf(connection),
    ...(connection.enterprise_url ? { enterpriseApiUrl: enterpriseApiUrl(connection.enterprise_url) } : {}),
  };
}

type Connection = z.output<typeof connectionSchema>;

/** The app takes precedence over a token, as in Vault (spec vault-sync-api §4.4); validation allows only one. */
function authOf(connection: Connection, token: string | undefined): GhAuth {
  if (connection.app_name && connection.installation_id !== undefined) {
    return { kind: 'app', appName: connection.app_name, installationId: connection.installation_id };
  }
  if (!token) throw new Error('gh destination has neither access_token nor app_name with installation_id');
  return { kind: 'token', token };
}

function scopeOf(connection: Connection): GhScope {
  if (connection.secrets_location === 'organization') {
    return {
      kind: 'organization',
      organization: required(connection.organization_name, 'organization_name'),
      visibility: required(connection.organization_visibility, 'organization_visibility'),
      selectedRepositoryNames: connection.organization_visibility === 'selected' ? (connection.selected_repository_names ?? []) : [],
    };
  }
  const owner = required(connection.repository_owner, 'repository_owner');
  const repository = required(connection.repository_name, 'repository_name');
  return connection.environment_name ? { kind: 'environment', owner, repository, environment: connection.environment_name } : { kind: 'repository', owner, repository };
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined || value === '') throw new Error(`gh destination has no ${field}`);
  return value;
}

/** How messages name the scope: `repository acme/web`, `environment production of acme/web`, `organization acme`. */
export function describeScope(scope: GhScope): string {
  switch (scope.kind) {
    case 'repository':
      return `repository ${scope.owner}/${scope.repository}`;
    case 'environment':
      return `environment ${scope.environment} of ${scope.owner}/${scope.repository}`;
    case 'organization':
      return `organization ${scope.organization}`;
  }
}

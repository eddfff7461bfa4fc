export const GH_DISPLAY_NAME = 'GitHub Actions';

export const GH_CREDENTIAL_FIELDS = ['access_token'] as const;

/**
 * Where the secrets live cannot change (spec §4.4). Unlike Vault's beta, `organization_visibility` and
 * `selected_repository_names` may change: the adapter re-sends the selection on every write (spec §13 #13).
 */
export const GH_IMMUTABLE_FIELDS = [
  'secrets_location',
  'repository_owner',
  'repository_name',
  'environment_name',
  'organization_name',
] as const;

export const GH_SECRETS_LOCATIONS = ['repository', 'organization'] as const;

/** `private` also covers internal repositories. */
export const GH_ORGANIZATION_VISIBILITIES = ['all', 'private', 'selected'] as const;

/** Vault reads `app_name` back as `connection_details.app_config.app_name` (spec §3.4). */
export const GH_NESTED_READ_FIELDS = { app_name: 'app_config' } as const;

/** Account (user or organization) logins: 1-39 letters, digits or -, not starting with -. */
export const GH_ACCOUNT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;

export const GH_REPOSITORY_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

/** Environment names: up to 255 characters, no control characters. */
export const GH_ENVIRONMENT_PATTERN = /^[^\p{Cc}]{1,255}$/u;

/** A `sys/sync/github-apps/:name` entry; Vault names follow its generic path-name rule. */
export const GH_APP_NAME_PATTERN = /^\w(?:[\w.-]*\w)?$/;

import {
  DestinationTypeSpec,
  choiceField,
  choiceFieldWithDefault,
  integerField,
  isSet,
  listField,
  matching,
  mutuallyExclusive,
  optionalText,
  report,
  reportSentence,
  requires,
  urlFormat,
} from '@vault-sync/destinations-core';
import { z } from 'zod';
import {
  GH_ACCOUNT_PATTERN,
  GH_APP_NAME_PATTERN,
  GH_CREDENTIAL_FIELDS,
  GH_DISPLAY_NAME,
  GH_ENVIRONMENT_PATTERN,
  GH_IMMUTABLE_FIELDS,
  GH_NESTED_READ_FIELDS,
  GH_ORGANIZATION_VISIBILITIES,
  GH_REPOSITORY_PATTERN,
  GH_SECRETS_LOCATIONS,
} from './gh.constants';

const ACCOUNT_RULE = 'must be 1-39 letters, digits or -, not starting with -';
const REPOSITORY_RULE = 'must be 1-100 letters, digits, ., _ or -';

const REPOSITORY_FIELDS = ['repository_owner', 'repository_name', 'environment_name'] as const;
const ORGANIZATION_FIELDS = ['organization_name', 'organization_visibility', 'selected_repository_names'] as const;
const REQUIRED_FOR_REPOSITORY = ['repository_owner', 'repository_name'] as const;
const REQUIRED_FOR_ORGANIZATION = ['organization_name', 'organization_visibility'] as const;

/**
 * gh fields (spec §4.4). Exactly one way to authenticate: a token, or a GitHub App (`app_name` with
 * `installation_id`). `secrets_location` decides which target fields are required and which are refused.
 */
export const ghFieldsSchema = z
  .strictObject({
    access_token: optionalText(),
    app_name: optionalText(matching(GH_APP_NAME_PATTERN, 'must name a sys/sync/github-apps entry (letters, digits, _, - and .)')),
    installation_id: integerField(1, Number.MAX_SAFE_INTEGER).optional(),
    // http too: a GitHub Enterprise Server (or a test emulator) may sit on a private address without TLS.
    enterprise_url: optionalText(urlFormat(['http', 'https'])),
    secrets_location: choiceFieldWithDefault(GH_SECRETS_LOCATIONS, 'repository'),
    repository_owner: optionalText(matching(GH_ACCOUNT_PATTERN, ACCOUNT_RULE)),
    repository_name: optionalText(matching(GH_REPOSITORY_PATTERN, REPOSITORY_RULE)),
    environment_name: optionalText(matching(GH_ENVIRONMENT_PATTERN, 'must be 1-255 characters without control characters')),
    organization_name: optionalText(matching(GH_ACCOUNT_PATTERN, ACCOUNT_RULE)),
    organization_visibility: choiceField(GH_ORGANIZATION_VISIBILITIES),
    selected_repository_names: listField(z.string().regex(GH_REPOSITORY_PATTERN, `items ${REPOSITORY_RULE}`)).optional(),
  })
  .superRefine((fields, ctx) => {
    if (!isSet(fields.access_token) && !isSet(fields.app_name)) {
      reportSentence(ctx, 'access_token', 'one of access_token or app_name (with installation_id) is required');
    }
    mutuallyExclusive(ctx, fields, 'access_token', 'app_name');
    requires(ctx, fields, 'app_name', 'installation_id');
    requires(ctx, fields, 'installation_id', 'app_name');
    const location = fields.secrets_location;
    const [required, refused] =
      location === 'repository'
        ? [REQUIRED_FOR_REPOSITORY, ORGANIZATION_FIELDS]
        : [REQUIRED_FOR_ORGANIZATION, REPOSITORY_FIELDS];
    for (const field of required) if (!isSet(fields[field])) report(ctx, field, `is required when secrets_location is ${location}`);
    for (const field of refused) if (isSet(fields[field])) report(ctx, field, `is not allowed when secrets_location is ${location}`);
    const selected = fields.organization_visibility === 'selected';
    if (location === 'organization' && selected !== isSet(fields.selected_repository_names)) {
      report(
        ctx,
        'selected_repository_names',
        selected ? 'must list at least one repository when organization_visibility is selected' : 'is only allowed when organization_visibility is selected',
      );
    }
  });

export type GhFields = z.output<typeof ghFieldsSchema>;

export const GH_DESTINATION_TYPE: DestinationTypeSpec = {
  kind: 'gh',
  displayName: GH_DISPLAY_NAME,
  fieldsSchema: ghFieldsSchema,
  credentialFields: GH_CREDENTIAL_FIELDS,
  immutableFields: GH_IMMUTABLE_FIELDS,
  updateRules: [],
  supportsCustomTags: false,
  ignoredFields: [],
  nestedReadFields: GH_NESTED_READ_FIELDS,
};

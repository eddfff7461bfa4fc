import {
  CREDENTIAL_MASK,
  CREDENTIAL_SENTINEL,
  VALID_DESTINATION_BODIES,
  createDestinationInput,
  destinationReadShape,
  updateDestinationInput,
} from '@vault-sync/destinations-core';
import { Destination } from '@vault-sync/domain';
import { GH_DESTINATION_TYPE as SPEC } from './gh.schemas';

const BODY = VALID_DESTINATION_BODIES.gh;
const ORGANIZATION = { access_token: 'ghp_sentinel', secrets_location: 'organization', organization_name: 'acme' };

function create(body: Record<string, unknown>): Destination {
  return { ...createDestinationInput(SPEC, 'ci-repo', body), createdAt: '', updatedAt: '' };
}

describe('gh configuration', () => {
  it('defaults to a repository, secret-key granularity and the documented template (spec §12)', () => {
    const shape = destinationReadShape(SPEC, create({ ...BODY, granularity: 'secret-key' }));
    expect(shape).toEqual({
      name: 'ci-repo',
      type: 'gh',
      connection_details: { access_token: CREDENTIAL_MASK, repository_owner: 'acme', repository_name: 'web', secrets_location: 'repository' },
      options: {
        granularity_level: 'secret-key',
        secret_name_template: 'VAULT_{{ .MountAccessor | uppercase }}_{{ .SecretPath | uppercase }}_{{ .SecretKey | uppercase }}',
        adopt_existing: false,
        disable_strict_networking: false,
      },
    });
    expect(JSON.stringify(shape)).not.toContain(CREDENTIAL_SENTINEL);
  });

  it('uses the template without the key under secret-path', () => {
    expect(create({ ...BODY, granularity: 'secret-path' }).options.secretNameTemplate).toBe('VAULT_{{ .MountAccessor | uppercase }}_{{ .SecretPath | uppercase }}');
  });

  it('accepts an environment of a repository and a GitHub Enterprise Server URL over http', () => {
    const destination = create({ ...BODY, environment_name: 'production', enterprise_url: 'http://127.0.0.1:8080' });
    expect(destination.connection).toMatchObject({ environment_name: 'production', enterprise_url: 'http://127.0.0.1:8080' });
  });

  it('accepts an organization with selected repositories as a comma string', () => {
    const destination = create({ ...ORGANIZATION, organization_visibility: 'selected', selected_repository_names: 'web, api' });
    expect(destination.connection).toMatchObject({ organization_visibility: 'selected', selected_repository_names: ['web', 'api'] });
  });

  it('lets the organization visibility and selection change (spec §13 #13)', () => {
    const existing = create({ ...ORGANIZATION, organization_visibility: 'all' });
    const updated = updateDestinationInput(SPEC, existing, { organization_visibility: 'selected', selected_repository_names: ['web'] }, 'merge-patch');
    expect(updated.connection).toMatchObject({ organization_visibility: 'selected', selected_repository_names: ['web'] });
  });

  it('reads a GitHub App back under app_config, with a string installation id as a number', () => {
    const destination = create({ repository_owner: 'acme', repository_name: 'web', app_name: 'acme-sync', installation_id: '123456' });
    expect(destination.credentials).toEqual({});
    expect(destinationReadShape(SPEC, destination).connection_details).toEqual({
      repository_owner: 'acme',
      repository_name: 'web',
      secrets_location: 'repository',
      installation_id: 123456,
      app_config: { app_name: 'acme-sync' },
    });
  });

  it('switches from a token to an app when the token is cleared in the same update', () => {
    const updated = updateDestinationInput(SPEC, create(BODY), { access_token: null, app_name: 'acme-sync', installation_id: 1 }, 'merge-patch');
    expect(updated.credentials).toEqual({});
    expect(updated.connection).toMatchObject({ app_name: 'acme-sync', installation_id: 1 });
  });

  it('keeps the token when it comes back masked', () => {
    const existing = create(BODY);
    expect(updateDestinationInput(SPEC, existing, { access_token: CREDENTIAL_MASK }, 'replace').credentials).toEqual(existing.credentials);
  });
});

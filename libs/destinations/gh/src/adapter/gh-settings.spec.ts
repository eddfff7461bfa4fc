import { createDestinationInput } from '@vault-sync/destinations-core';
import { GH_DESTINATION_TYPE } from '../gh.schemas';
import { enterpriseApiUrl, ghSettingsOf } from './gh-settings';

const created = (body: Record<string, unknown>) => ({ ...createDestinationInput(GH_DESTINATION_TYPE, 'ci', body), createdAt: '', updatedAt: '' });
const REPOSITORY = { access_token: 'ghp_test', repository_owner: 'acme', repository_name: 'web' };

describe('ghSettingsOf', () => {
  it('reads a repository destination with a token', () => {
    expect(ghSettingsOf(created(REPOSITORY))).toEqual({ auth: { kind: 'token', token: 'ghp_test' }, scope: { kind: 'repository', owner: 'acme', repository: 'web' } });
  });

  it('reads an environment of a repository', () => {
    expect(ghSettingsOf(created({ ...REPOSITORY, environment_name: 'production' })).scope).toEqual({ kind: 'environment', owner: 'acme', repository: 'web', environment: 'production' });
  });

  it('reads an organization with its visibility and selected repositories', () => {
    const settings = ghSettingsOf(
      created({ access_token: 'ghp_test', secrets_location: 'organization', organization_name: 'acme', organization_visibility: 'selected', selected_repository_names: 'web, api' }),
    );
    expect(settings.scope).toEqual({ kind: 'organization', organization: 'acme', visibility: 'selected', selectedRepositoryNames: ['web', 'api'] });
    const all = ghSettingsOf(created({ access_token: 'ghp_test', secrets_location: 'organization', organization_name: 'acme', organization_visibility: 'all' }));
    expect(all.scope).toMatchObject({ visibility: 'all', selectedRepositoryNames: [] });
  });

  it('reads a GitHub App destination', () => {
    const settings = ghSettingsOf(created({ repository_owner: 'acme', repository_name: 'web', app_name: 'acme-sync', installation_id: 42 }));
    expect(settings.auth).toEqual({ kind: 'app', appName: 'acme-sync', installationId: 42 });
  });

  it('derives the API root of a GitHub Enterprise Server', () => {
    expect(ghSettingsOf(created({ ...REPOSITORY, enterprise_url: 'https://github.example.com' })).enterpriseApiUrl).toBe('https://github.example.com/api/v3');
    expect(ghSettingsOf(created(REPOSITORY)).enterpriseApiUrl).toBeUndefined();
  });
});

describe('enterpriseApiUrl', () => {
  it.each([
    ['https://github.example.com', 'https://github.example.com/api/v3'],
    ['https://github.example.com/', 'https://github.example.com/api/v3'],
    ['https://github.example.com/api/v3/', 'https://github.example.com/api/v3'],
    ['http://10.0.0.5:8080/proxy/github', 'http://10.0.0.5:8080/proxy/github'],
  ])('%s → %s', (given, expected) => {
    expect(enterpriseApiUrl(given)).toBe(expected);
  });
});

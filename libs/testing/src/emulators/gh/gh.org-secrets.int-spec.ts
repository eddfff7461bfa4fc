import { RunningGhEmulator, startGhEmulator } from './index';
import { failure, OctokitClient, octokitFor, seal } from './gh.test-kit';

const TOKEN = 'ghp_orgAdmin00000000000000000000000000000';
const ORG = 'acme';
const IDS = { web: 101, api: 102, docs: 103 };

interface StateOrgSecret {
  name: string;
  value: string;
  visibility: string;
  selectedRepositoryIds: number[];
}

describe('gh emulator: organization secrets through @octokit/rest', () => {
  let emulator: RunningGhEmulator;
  let octokit: OctokitClient;

  beforeEach(async () => {
    emulator = await startGhEmulator({
      organizations: [{ login: ORG, id: 9 }, { login: 'other' }],
      repositories: [
        { owner: ORG, name: 'web', id: IDS.web, private: true },
        { owner: ORG, name: 'api', id: IDS.api, private: false },
        { owner: ORG, name: 'docs', id: IDS.docs, private: false },
        { owner: 'other', name: 'elsewhere', id: 500 },
      ],
      tokens: [TOKEN],
    });
    octokit = octokitFor(emulator.url, TOKEN);
  });
  afterEach(() => emulator.close());

  const stateSecrets = () => (emulator.control.state() as { organizations: { login: string; secrets: StateOrgSecret[] }[] }).organizations.find((o) => o.login === ORG)?.secrets;

  async function putOrgSecret(name: string, value: string, visibility: 'all' | 'private' | 'selected', selected_repository_ids?: number[]) {
    const { data: key } = await octokit.rest.actions.getOrgPublicKey({ org: ORG });
    return octokit.rest.actions.createOrUpdateOrgSecret({ org: ORG, secret_name: name, encrypted_value: await seal(value, key.key), key_id: key.key_id, visibility, selected_repository_ids });
  }

  const orgSecretNamesFor = async (repo: string) => (await octokit.rest.actions.listRepoOrganizationSecrets({ owner: ORG, repo })).data.secrets.map((s) => s.name);

  it('creates with 201 and updates with 204, keeping plaintext and visibility in state', async () => {
    expect((await putOrgSecret('shared_token', 'one', 'all')).status).toBe(201);
    expect((await putOrgSecret('SHARED_TOKEN', 'two', 'private')).status).toBe(204);
    expect(stateSecrets()).toEqual([expect.objectContaining({ name: 'SHARED_TOKEN', value: 'two', visibility: 'private', selectedRepositoryIds: [] })]);
  });

  it('gets and lists org secrets with visibility; selected_repositories_url only for selected', async () => {
    await putOrgSecret('B_ALL', 'b', 'all');
    await putOrgSecret('A_SELECTED', 'a', 'selected', [IDS.web]);
    const { data: one } = await octokit.rest.actions.getOrgSecret({ org: ORG, secret_name: 'a_selected' });
    expect(one).toEqual({
      name: 'A_SELECTED',
      created_at: expect.any(String),
      updated_at: expect.any(String),
      visibility: 'selected',
      selected_repositories_url: `${emulator.url}/orgs/${ORG}/actions/secrets/A_SELECTED/repositories`,
    });
    const { data: list } = await octokit.rest.actions.listOrgSecrets({ org: ORG });
    expect(list.total_count).toBe(2);
    expect(list.secrets.map((s) => [s.name, s.visibility, 'selected_repositories_url' in s])).toEqual([
      ['A_SELECTED', 'selected', true],
      ['B_ALL', 'all', false],
    ]);
  });

  it('requires visibility and refuses repository ids unless it is selected', async () => {
    const { data: key } = await octokit.rest.actions.getOrgPublicKey({ org: ORG });
    const sealed = await seal('v', key.key);
    const missing = await failure(octokit.request('PUT /orgs/acme/actions/secrets/NO_VIS', { encrypted_value: sealed, key_id: key.key_id }));
    expect(missing.status).toBe(422);
    expect(missing.response?.data).toMatchObject({ message: 'Invalid request.\n\n"visibility" wasn\'t supplied.' });
    const wrongEnum = await failure(octokit.request('PUT /orgs/acme/actions/secrets/BAD_VIS', { encrypted_value: sealed, key_id: key.key_id, visibility: 'public' }));
    expect(wrongEnum.status).toBe(422);
    expect((await failure(putOrgSecret('IDS_WITH_ALL', 'v', 'all', [IDS.web]))).status).toBe(422);
    expect((await failure(putOrgSecret('FOREIGN', 'v', 'selected', [500]))).status).toBe(422);
    expect(stateSecrets()).toEqual([]);
  });

  it('manages the selected repositories: list, set, add, remove', async () => {
    await putOrgSecret('DEPLOY', 'v', 'selected', [IDS.web]);
    const names = async () => (await octokit.rest.actions.listSelectedReposForOrgSecret({ org: ORG, secret_name: 'DEPLOY' })).data.repositories.map((r) => r.name);
    expect(await names()).toEqual(['web']);
    expect((await octokit.rest.actions.setSelectedReposForOrgSecret({ org: ORG, secret_name: 'DEPLOY', selected_repository_ids: [IDS.api, IDS.docs] })).status).toBe(204);
    expect(await names()).toEqual(['api', 'docs']);
    expect((await octokit.rest.actions.addSelectedRepoToOrgSecret({ org: ORG, secret_name: 'DEPLOY', repository_id: IDS.web })).status).toBe(204);
    expect((await octokit.rest.actions.removeSelectedRepoFromOrgSecret({ org: ORG, secret_name: 'DEPLOY', repository_id: IDS.api })).status).toBe(204);
    expect(await names()).toEqual(['docs', 'web']);
    expect(stateSecrets()?.[0].selectedRepositoryIds).toEqual([IDS.docs, IDS.web]);
  });

  it('answers 409 to add/remove/set when the visibility is not selected', async () => {
    await putOrgSecret('EVERYONE', 'v', 'all');
    const add = await failure(octokit.rest.actions.addSelectedRepoToOrgSecret({ org: ORG, secret_name: 'EVERYONE', repository_id: IDS.web }));
    expect(add.status).toBe(409);
    expect(add.response?.data).toMatchObject({ status: '409', documentation_url: expect.stringContaining('add-selected-repository-to-an-organization-secret') });
    expect((await failure(octokit.rest.actions.removeSelectedRepoFromOrgSecret({ org: ORG, secret_name: 'EVERYONE', repository_id: IDS.web }))).status).toBe(409);
    expect((await failure(octokit.rest.actions.setSelectedReposForOrgSecret({ org: ORG, secret_name: 'EVERYONE', selected_repository_ids: [IDS.web] }))).status).toBe(409);
  });

  it('shows each repository the org secrets its visibility grants', async () => {
    await putOrgSecret('FOR_ALL', 'v', 'all');
    await putOrgSecret('FOR_PRIVATE', 'v', 'private');
    await putOrgSecret('FOR_DOCS', 'v', 'selected', [IDS.docs]);
    expect(await orgSecretNamesFor('web')).toEqual(['FOR_ALL', 'FOR_PRIVATE']);
    expect(await orgSecretNamesFor('docs')).toEqual(['FOR_ALL', 'FOR_DOCS']);
    expect(await orgSecretNamesFor('api')).toEqual(['FOR_ALL']);
  });

  it('uses a key per organization; a value sealed to another org key is 422', async () => {
    const { data: other } = await octokit.rest.actions.getOrgPublicKey({ org: 'other' });
    const { data: mine } = await octokit.rest.actions.getOrgPublicKey({ org: ORG });
    expect(other.key).not.toBe(mine.key);
    const err = await failure(
      octokit.rest.actions.createOrUpdateOrgSecret({ org: ORG, secret_name: 'X', encrypted_value: await seal('v', other.key), key_id: mine.key_id, visibility: 'all' }),
    );
    expect(err.status).toBe(422);
  });

  it('deletes with 204, then 404; an unknown organization is 404', async () => {
    await putOrgSecret('TEMP', 'v', 'all');
    expect((await octokit.rest.actions.deleteOrgSecret({ org: ORG, secret_name: 'TEMP' })).status).toBe(204);
    expect((await failure(octokit.rest.actions.deleteOrgSecret({ org: ORG, secret_name: 'TEMP' }))).status).toBe(404);
    expect((await failure(octokit.rest.actions.getOrgPublicKey({ org: 'ghost' }))).status).toBe(404);
  });
});

import { createDestinationInput } from '@vault-sync/destinations-core';
import { DesiredObject, Destination, DestinationAdapter, ExistingObject } from '@vault-sync/domain';
import { GH_DESTINATION_TYPE } from '../../gh.schemas';

/** Test fixtures: what the emulator is seeded with, and destinations built as the API builds them. */

export const TOKEN = 'ghp_vaultsynctest000000000000000000000001';
export const OWNER = 'acme';
export const REPOSITORY = 'web';
export const ENVIRONMENT = 'production';
export const OTHER_REPOSITORIES = ['api', 'docs'];

export const EMULATOR_SEED = {
  tokens: [TOKEN],
  organizations: [{ login: OWNER }],
  repositories: [{ owner: OWNER, name: REPOSITORY, environments: [ENVIRONMENT] }, ...OTHER_REPOSITORIES.map((name) => ({ owner: OWNER, name, private: true }))],
};

function destination(name: string, fields: Record<string, unknown>): Destination {
  return { ...createDestinationInput(GH_DESTINATION_TYPE, name, fields), createdAt: '', updatedAt: '' };
}

/** A repository destination (an environment's with `environment_name`). */
export function ghDestination(name: string, body: Record<string, unknown> = {}): Destination {
  return destination(name, { access_token: TOKEN, repository_owner: OWNER, repository_name: REPOSITORY, ...body });
}

export function organizationDestination(name: string, body: Record<string, unknown> = {}): Destination {
  return destination(name, { access_token: TOKEN, secrets_location: 'organization', organization_name: OWNER, organization_visibility: 'all', ...body });
}

export function desiredObject(destination: Destination, name: string, value: string): DesiredObject {
  return { name, value, marks: { destination: `gh/${destination.name}`, source: `kv_1234/${name}`, owner: 'install-test' }, customTags: {} };
}

/** Inspects a secret the test expects to exist. */
export async function inspected(adapter: DestinationAdapter, name: string): Promise<ExistingObject> {
  const existing = await adapter.inspect(name);
  if (existing === undefined) throw new Error(`expected secret ${name} to exist`);
  return existing;
}

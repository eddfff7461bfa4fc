import { createDestinationInput } from '@vault-sync/destinations-core';
import { DesiredObject, Destination, DestinationAdapter, ExistingObject, OwnershipMarks } from '@vault-sync/domain';
import { VERCEL_PROJECT_DESTINATION_TYPE } from '../../vercel-project.schemas';

/** Test fixtures: the token, team and projects the emulator is seeded with, and destinations built as the API builds them. */

export const SYNC_TOKEN = 'vercel-sync-token-000000000000000001';
export const TEAM_ID = 'team_acme';
export const PERSONAL_PROJECT = { id: 'prj_site', name: 'site' };
export const TEAM_PROJECT = { id: 'prj_shop', name: 'shop', teamId: TEAM_ID };

export function vercelDestination(name: string, body: Record<string, unknown> = {}): Destination {
  const withDefaults = { access_token: SYNC_TOKEN, project_id: PERSONAL_PROJECT.id, deployment_environments: ['production'], ...body };
  return { ...createDestinationInput(VERCEL_PROJECT_DESTINATION_TYPE, name, withDefaults), createdAt: '', updatedAt: '' };
}

export function marksFor(destination: Destination, source: string): OwnershipMarks {
  return { destination: `vercel-project/${destination.name}`, source, owner: 'install-test' };
}

export function desiredObject(destination: Destination, name: string, value: string, source = `kv_1234/app/${name}`): DesiredObject {
  return { name, value, marks: marksFor(destination, source), customTags: {} };
}

/** Inspects a variable the test expects to exist. */
export async function inspected(adapter: DestinationAdapter, name: string): Promise<ExistingObject> {
  const existing = await adapter.inspect(name);
  if (existing === undefined) throw new Error(`expected variable ${name} to exist`);
  return existing;
}

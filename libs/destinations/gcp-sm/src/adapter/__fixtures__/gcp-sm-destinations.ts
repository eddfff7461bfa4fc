import { createDestinationInput } from '@vault-sync/destinations-core';
import { DesiredObject, Destination, DestinationAdapter, ExistingObject, OwnershipMarks } from '@vault-sync/domain';
import { GCP_SM_DESTINATION_TYPE } from '../../gcp-sm.schemas';

/** Test fixtures: destinations built as the API builds them. */

export const PROJECT = 'vault-sync-test';
/** A service account key as the API stores it; the emulator's insecure channel never uses it. */
export const SERVICE_ACCOUNT_KEY = JSON.stringify({
  type: 'service_account',
  project_id: 'key-project-1',
  private_key_id: 'test-key-id',
  private_key: '-----BEGIN PRIVATE KEY-----\ntest\n-----END PRIVATE KEY-----\n',
  client_email: 'sync@key-project-1.iam.gserviceaccount.com',
});

export function gcpSmDestination(name: string, body: Record<string, unknown> = {}): Destination {
  return { ...createDestinationInput(GCP_SM_DESTINATION_TYPE, name, { project_id: PROJECT, ...body }), createdAt: '', updatedAt: '' };
}

export function marksFor(destination: Destination, source: string): OwnershipMarks {
  return { destination: `gcp-sm/${destination.name}`, source, owner: 'Install-Test' };
}

export function desiredObject(destination: Destination, name: string, value: string, source = `kv_1234/${name}`): DesiredObject {
  return { name, value, marks: marksFor(destination, source), customTags: destination.options.customTags };
}

/** Inspects a secret the test expects to exist. */
export async function inspected(adapter: DestinationAdapter, name: string): Promise<ExistingObject> {
  const existing = await adapter.inspect(name);
  if (existing === undefined) throw new Error(`expected secret ${name} to exist`);
  return existing;
}

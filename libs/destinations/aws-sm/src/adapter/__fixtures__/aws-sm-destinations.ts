import { createDestinationInput } from '@vault-sync/destinations-core';
import { DesiredObject, Destination, DestinationAdapter, ExistingObject, OwnershipMarks } from '@vault-sync/domain';
import { AWS_SM_DESTINATION_TYPE } from '../../aws-sm.schemas';

/** Test fixtures: a key pair and a role the emulator is started with, and destinations built as the API builds them. */

export const SYNC_USER = {
  accessKeyId: 'AKIAVAULTSYNCTEST001',
  secretAccessKey: 'vault-sync-test-secret-key/0000000000001',
  principalArn: 'arn:aws:iam::123456789012:user/vault-sync',
};
export const SYNC_ROLE_ARN = 'arn:aws:iam::111122223333:role/vault-sync';
export const SYNC_EXTERNAL_ID = '0f7c1f4e-6f0a-4c55-8d5e-2b7a7c1f9e10';
export const REGION = 'eu-west-1';

export function awsSmDestination(name: string, body: Record<string, unknown> = {}): Destination {
  const withKeys = { access_key_id: SYNC_USER.accessKeyId, secret_access_key: SYNC_USER.secretAccessKey, region: REGION, ...body };
  return { ...createDestinationInput(AWS_SM_DESTINATION_TYPE, name, withKeys), createdAt: '', updatedAt: '' };
}

export function marksFor(destination: Destination, source: string): OwnershipMarks {
  return { destination: `aws-sm/${destination.name}`, source, owner: 'install-test' };
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

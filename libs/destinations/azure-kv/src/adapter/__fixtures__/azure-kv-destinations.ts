import { createDestinationInput } from '@vault-sync/destinations-core';
import { DesiredObject, Destination, DestinationAdapter, ExistingObject, OwnershipMarks } from '@vault-sync/domain';
import { AZURE_KV_DESTINATION_TYPE } from '../../azure-kv.schemas';
import { AzureKvAdapterOptions } from '../azure-kv-adapter-factory';

/** Test fixtures: destinations built as the API builds them, pointed at an emulator, and the options that reach it. */

export interface EmulatorEndpoint {
  url: string;
  authorityHost: string;
  caPem: Buffer;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export const VAULT_URL = 'https://my-vault.vault.azure.net';
export const TENANT_ID = '9e8d7c6b-5a49-4382-a716-f5e4d3c2b1a0';
export const CLIENT_ID = '2f5c7b8e-1d3a-4e6f-9a0b-c1d2e3f4a5b6';

export function azureKvDestination(name: string, body: Record<string, unknown> = {}): Destination {
  const withDefaults = { key_vault_uri: VAULT_URL, tenant_id: TENANT_ID, client_id: CLIENT_ID, client_secret: 'test-client-secret', ...body };
  return { ...createDestinationInput(AZURE_KV_DESTINATION_TYPE, name, withDefaults), createdAt: '', updatedAt: '' };
}

/** A destination on the emulator's vault, with its service principal. */
export function emulatedDestination(emulator: EmulatorEndpoint, name: string, body: Record<string, unknown> = {}): Destination {
  return azureKvDestination(name, {
    key_vault_uri: emulator.url,
    tenant_id: emulator.tenantId,
    client_id: emulator.clientId,
    client_secret: emulator.clientSecret,
    ...body,
  });
}

/** What a test worker passes the factory: the emulator's authority and CA, challenge verification off for 127.0.0.1. */
export function emulatorOptions(emulator: EmulatorEndpoint): AzureKvAdapterOptions {
  return {
    authorityHost: emulator.authorityHost,
    tlsCa: emulator.caPem,
    disableChallengeResourceVerification: true,
    recovery: { pollIntervalMs: 10, maxWaitMs: 2_000 },
  };
}

export function marksFor(destination: Destination, source: string): OwnershipMarks {
  return { destination: `azure-kv/${destination.name}`, source, owner: 'install-test' };
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

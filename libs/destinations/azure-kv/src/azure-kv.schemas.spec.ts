import {
  CREDENTIAL_MASK,
  CREDENTIAL_SENTINEL,
  VALID_DESTINATION_BODIES,
  createDestinationInput,
  destinationReadShape,
  updateDestinationInput,
} from '@vault-sync/destinations-core';
import { Destination } from '@vault-sync/domain';
import { AZURE_KV_DESTINATION_TYPE as SPEC } from './azure-kv.schemas';

const BODY = VALID_DESTINATION_BODIES['azure-kv'];

function create(body: Record<string, unknown>): Destination {
  return { ...createDestinationInput(SPEC, 'prod-azure', body), createdAt: '', updatedAt: '' };
}

describe('azure-kv configuration', () => {
  it('stores the client secret apart, defaults the cloud and drops subscription_id', () => {
    const destination = create({ ...BODY, subscription_id: 'legacy' });
    expect(destination.credentials).toEqual({ client_secret: BODY['client_secret'] });
    expect(destination.connection).toEqual({
      key_vault_uri: BODY['key_vault_uri'],
      client_id: BODY['client_id'],
      tenant_id: BODY['tenant_id'],
      cloud: 'AzurePublicCloud',
      identity_token_ttl: 3600,
      disable_strict_networking: false,
    });
    expect(destination.options.secretNameTemplate).toBe('vault-{{ .MountAccessor | replace "_" "-" }}-{{ .SecretPath }}');
  });

  it('accepts a differently cased cloud name and stores its canonical form', () => {
    expect(create({ ...BODY, cloud: 'azurechinacloud' }).connection['cloud']).toBe('AzureChinaCloud');
  });

  it('accepts a tenant domain and the managed identity (no secret)', () => {
    expect(create({ ...BODY, client_secret: '', tenant_id: 'contoso.onmicrosoft.com' }).credentials).toEqual({});
  });

  it('accepts workload identity with a TTL in seconds', () => {
    const destination = create({ ...BODY, client_secret: '', identity_token_audience: 'api://AzureADTokenExchange', identity_token_ttl: '600' });
    expect(destination.credentials).toEqual({ identity_token_audience: 'api://AzureADTokenExchange' });
    expect(destination.connection['identity_token_ttl']).toBe(600);
  });

  it('does not count an unchanged cloud, sent with other casing, as a change', () => {
    const existing = create(BODY);
    expect(updateDestinationInput(SPEC, existing, { cloud: 'AZUREPUBLICCLOUD', client_id: BODY['tenant_id'] }, 'replace').connection['client_id']).toBe(
      BODY['tenant_id'],
    );
  });

  it('masks the secret on read and keeps it when sent back masked', () => {
    const existing = create({ ...BODY, custom_tags: { team: 'payments' } });
    const shape = destinationReadShape(SPEC, existing);
    expect(shape.connection_details['client_secret']).toBe(CREDENTIAL_MASK);
    expect(JSON.stringify(shape)).not.toContain(CREDENTIAL_SENTINEL);
    const updated = updateDestinationInput(SPEC, existing, { client_secret: '*****', custom_tags: { env: 'prod' } }, 'merge-patch');
    expect(updated.credentials).toEqual(existing.credentials);
    expect(updated.options.customTags).toEqual({ team: 'payments', env: 'prod' });
  });
});

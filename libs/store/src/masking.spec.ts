import { Destination } from '@vault-sync/domain';
import { CREDENTIAL_MASK, maskCredentials } from './masking';

describe('maskCredentials', () => {
  const destination: Destination = {
    type: 'aws-sm',
    name: 'prod',
    connection: { region: 'eu-west-1', role_arn: 'arn:aws:iam::111122223333:role/vault-sync' },
    credentials: { access_key_id: 'AKIAEXAMPLE', secret_access_key: 'very-secret' },
    options: { granularity: 'secret-path', secretNameTemplate: 'vault/{{ .SecretPath }}', customTags: {}, adoptExisting: false },
    createdAt: '2025-05-02T09:14:03.000Z',
    updatedAt: '2025-05-02T09:14:03.000Z',
  };

  it('replaces every credential value with the mask and keeps the rest', () => {
    const masked = maskCredentials(destination);
    expect(masked.credentials).toEqual({ access_key_id: CREDENTIAL_MASK, secret_access_key: CREDENTIAL_MASK });
    expect(masked.connection).toEqual(destination.connection);
    expect(CREDENTIAL_MASK).toBe('*****');
  });

  it('leaves the original untouched and no value behind', () => {
    const masked = maskCredentials(destination);
    expect(destination.credentials['secret_access_key']).toBe('very-secret');
    expect(JSON.stringify(masked)).not.toMatch(/very-secret|AKIAEXAMPLE/);
  });
});

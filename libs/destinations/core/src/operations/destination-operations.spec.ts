import { ConfigurationError, DEFAULT_TEMPLATES, Destination, ErrorCode } from '@vault-sync/domain';
import { z } from 'zod';
import { mutuallyExclusive } from '../common/cross-field-rules';
import { DestinationInput, DestinationTypeSpec } from '../destination-type-spec';
import { DestinationConfigurationError } from '../errors/destination-configuration-error';
import { CREDENTIAL_MASK } from '../fields/masked-value';
import { optionalText, requiredText } from '../fields/text.field';
import { createDestinationInput } from './create-destination-input';
import { destinationReadShape } from './destination-read-shape';
import { updateDestinationInput } from './update-destination-input';

/** A made-up type, so the generic operations are tested apart from any real kind's rules. */
const SPEC: DestinationTypeSpec = {
  kind: 'aws-sm',
  displayName: 'Test Store',
  fieldsSchema: z
    .strictObject({
      token: optionalText(),
      password: optionalText(),
      endpoint: requiredText(),
      app: optionalText(),
      level: z.enum(['low', 'high']).default('low'),
    })
    .superRefine((fields, ctx) => mutuallyExclusive(ctx, fields, 'password', 'app')),
  credentialFields: ['token', 'password'],
  immutableFields: ['endpoint'],
  updateRules: [{ field: 'level', rule: 'can only go up', allows: (stored, requested) => stored === 'low' && requested === 'high' }],
  supportsCustomTags: true,
  ignoredFields: ['legacy'],
  nestedReadFields: { app: 'app_config' },
};
const TAGLESS: DestinationTypeSpec = { ...SPEC, supportsCustomTags: false };
const BODY = { token: 'sentinel-token', endpoint: 'https://store.example', custom_tags: { team: 'payments', env: 'prod' } };

function stored(input: DestinationInput): Destination {
  return { ...input, createdAt: '2025-05-02T09:14:03.000Z', updatedAt: '2025-05-02T09:14:03.000Z' };
}

function errorOf(action: () => unknown): ConfigurationError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('createDestinationInput', () => {
  it('applies defaults, splits credentials from connection details and resolves the default template', () => {
    expect(createDestinationInput(SPEC, 'prod', { ...BODY, legacy: 'x', purge: 'true' })).toEqual({
      type: 'aws-sm',
      name: 'prod',
      connection: { endpoint: 'https://store.example', level: 'low', disable_strict_networking: false },
      credentials: { token: 'sentinel-token' },
      options: {
        granularity: 'secret-path',
        secretNameTemplate: DEFAULT_TEMPLATES['aws-sm']['secret-path'],
        customTags: { team: 'payments', env: 'prod' },
        adoptExisting: false,
      },
    });
  });

  it('drops empty values, nulls and masked credentials, which all mean "not given"', () => {
    const input = createDestinationInput(SPEC, 'prod', { ...BODY, token: '*****', password: '', app: null });
    expect(input.credentials).toEqual({});
    expect(input.connection).not.toHaveProperty('app');
  });

  it('stores the networking fields and adopt_existing from their string forms', () => {
    const input = createDestinationInput(SPEC, 'prod', {
      ...BODY,
      disable_strict_networking: 'true',
      allowed_ipv4_addresses: '10.0.0.0/8,127.0.0.1',
      allowed_ports: ['443', 8200],
      adopt_existing: 'True',
    });
    expect(input.connection).toMatchObject({
      disable_strict_networking: true,
      allowed_ipv4_addresses: ['10.0.0.0/8', '127.0.0.1'],
      allowed_ports: [443, 8200],
    });
    expect(input.options.adoptExisting).toBe(true);
  });

  it('keeps a custom template that fits the granularity', () => {
    const template = 'app/{{ .SecretPath }}/{{ .SecretKey }}';
    const input = createDestinationInput(SPEC, 'prod', { ...BODY, granularity: 'secret-key', secret_name_template: template });
    expect(input.options).toMatchObject({ granularity: 'secret-key', secretNameTemplate: template });
  });

  it('reports every problem at once, each naming its field and rule', () => {
    const error = errorOf(() => createDestinationInput(SPEC, 'prod', { level: 'mid', colour: 'red', granularity: 'x' }));
    expect(error).toBeInstanceOf(DestinationConfigurationError);
    expect(error.code).toBe(ErrorCode.InvalidConfiguration);
    expect((error as DestinationConfigurationError).problems.map((problem) => problem.message)).toEqual([
      'granularity: must be one of secret-path, secret-key',
      'endpoint: is required',
      'level: must be one of low, high',
      'colour: unknown field',
    ]);
    expect(error.message).toBe(
      'granularity: must be one of secret-path, secret-key; endpoint: is required; level: must be one of low, high; colour: unknown field',
    );
  });

  it('reports cross-field rules as written', () => {
    expect(errorOf(() => createDestinationInput(SPEC, 'prod', { ...BODY, password: 'sentinel-password', app: 'a' })).message).toBe(
      'password and app are mutually exclusive',
    );
  });

  it('refuses tags on a type without tags', () => {
    expect(errorOf(() => createDestinationInput(TAGLESS, 'prod', BODY)).message).toBe('custom_tags: is not supported: Test Store has no tags');
  });

  it('refuses a bad name before looking at the body', () => {
    const error = errorOf(() => createDestinationInput(SPEC, 'a b', 'not a body'));
    expect(error.code).toBe(ErrorCode.InvalidName);
    expect(error.field).toBe('name');
  });
});

describe('updateDestinationInput', () => {
  const existing = stored(createDestinationInput(SPEC, 'prod', { ...BODY, password: 'sentinel-password', adopt_existing: true }));

  it('keeps every field the update does not send, and a credential sent back masked', () => {
    const updated = updateDestinationInput(SPEC, existing, { token: CREDENTIAL_MASK, level: 'high' }, 'replace');
    const { type, name, credentials, options } = existing;
    expect(updated).toEqual({ type, name, credentials, options, connection: { ...existing.connection, level: 'high' } });
  });

  it('replaces a credential that is sent, and clears one sent as ""', () => {
    const updated = updateDestinationInput(SPEC, existing, { token: 'sentinel-new', password: '' }, 'replace');
    expect(updated.credentials).toEqual({ token: 'sentinel-new' });
  });

  it('replaces custom_tags on POST and ignores tags_to_remove there', () => {
    const updated = updateDestinationInput(SPEC, existing, { custom_tags: 'tier=1', tags_to_remove: ['tier'] }, 'replace');
    expect(updated.options.customTags).toEqual({ tier: '1' });
  });

  it('merges custom_tags on PATCH, with null and tags_to_remove deleting keys', () => {
    const updated = updateDestinationInput(
      SPEC,
      existing,
      { custom_tags: { tier: '1', env: null, owner: 'sre' }, tags_to_remove: 'owner,unknown' },
      'merge-patch',
    );
    expect(updated.options.customTags).toEqual({ team: 'payments', tier: '1' });
  });

  it('merges k=v custom_tags on PATCH too', () => {
    expect(updateDestinationInput(SPEC, existing, { custom_tags: 'tier=1' }, 'merge-patch').options.customTags).toEqual({
      team: 'payments',
      env: 'prod',
      tier: '1',
    });
  });

  it('removes a field set to null on PATCH, back to its default', () => {
    const updated = updateDestinationInput(SPEC, existing, { password: null, adopt_existing: null, custom_tags: null }, 'merge-patch');
    expect(updated.credentials).toEqual({ token: 'sentinel-token' });
    expect(updated.options).toMatchObject({ adoptExisting: false, customTags: {} });
  });

  it('brings the other default template along when the granularity changes under the default', () => {
    const updated = updateDestinationInput(SPEC, existing, { granularity: 'secret-key' }, 'merge-patch');
    expect(updated.options.secretNameTemplate).toBe(DEFAULT_TEMPLATES['aws-sm']['secret-key']);
  });

  it('refuses a change of an immutable field, and a change an update rule forbids', () => {
    const raised = stored(updateDestinationInput(SPEC, existing, { level: 'high' }, 'replace'));
    const error = errorOf(() => updateDestinationInput(SPEC, raised, { endpoint: 'https://other.example', level: 'low' }, 'replace'));
    expect(error.message).toBe('endpoint: cannot be changed after creation; level: can only go up');
  });

  it('validates the merged configuration as a whole', () => {
    expect(errorOf(() => updateDestinationInput(SPEC, existing, { app: 'a' }, 'merge-patch')).message).toBe(
      'password and app are mutually exclusive',
    );
  });

  it('refuses a body that is not an object', () => {
    expect(errorOf(() => updateDestinationInput(SPEC, existing, null, 'merge-patch')).message).toBe('body: must be a JSON object');
  });

  it('refuses a spec of another kind', () => {
    expect(() => updateDestinationInput({ ...SPEC, kind: 'gh' }, existing, {}, 'replace')).toThrow('cannot update a aws-sm destination');
  });
});

describe('destinationReadShape', () => {
  const destination = stored(
    createDestinationInput(SPEC, 'prod', { ...BODY, app: 'my-app', allowed_ports: '443' }),
  );

  it('masks every credential, nests configured fields and puts networking under options', () => {
    expect(destinationReadShape(SPEC, { ...destination, purgeInitiatedAt: '2025-05-03T10:00:00.000Z' })).toEqual({
      name: 'prod',
      type: 'aws-sm',
      connection_details: {
        token: CREDENTIAL_MASK,
        endpoint: 'https://store.example',
        level: 'low',
        app_config: { app: 'my-app' },
      },
      options: {
        granularity_level: 'secret-path',
        secret_name_template: DEFAULT_TEMPLATES['aws-sm']['secret-path'],
        custom_tags: { team: 'payments', env: 'prod' },
        adopt_existing: false,
        disable_strict_networking: false,
        allowed_ports: [443],
      },
      purge_initiated_at: '2025-05-03T10:00:00.000Z',
    });
  });

  it('leaves no credential value anywhere in the JSON', () => {
    expect(JSON.stringify(destinationReadShape(SPEC, destination))).not.toContain('sentinel');
  });

  it('omits custom_tags for a type without tags and shows a purge error', () => {
    const shape = destinationReadShape(TAGLESS, { ...destination, purgeError: 'unsync failed' });
    expect(shape.options).not.toHaveProperty('custom_tags');
    expect(shape.purge_error).toBe('unsync failed');
  });
});

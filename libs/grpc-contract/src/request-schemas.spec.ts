import { ConfigurationError, ErrorCode } from '@vault-sync/domain';
import {
  associationRequestSchema,
  deleteDestinationRequestSchema,
  destinationRefSchema,
  listDestinationsRequestSchema,
  parseRequest,
  patchConfigRequestSchema,
} from './request-schemas';

function refusal(action: () => unknown): ConfigurationError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('parseRequest', () => {
  it('returns the fields of a valid request and leaves out the others', () => {
    expect(parseRequest(destinationRefSchema, { type: 'gh', name: 'ci-repo', config: null })).toEqual({ type: 'gh', name: 'ci-repo' });
  });

  it('names every field at fault, without repeating values', () => {
    const error = refusal(() => parseRequest(associationRequestSchema, { type: 'ftp', name: 'x', mount: '', secret_name: 7 }));
    expect(error.code).toBe(ErrorCode.InvalidConfiguration);
    expect(error.field).toBe('type');
    expect(error.message).toBe(
      'type: must be one of aws-sm, azure-kv, gcp-sm, gh, vercel-project; mount: is required; secret_name: must be a string',
    );
    expect(error.message).not.toContain('ftp');
  });

  it('says a missing field is required', () => {
    expect(refusal(() => parseRequest(destinationRefSchema, { type: 'gh' })).message).toBe('name: is required');
  });

  it('reads an empty list filter as every type', () => {
    expect(parseRequest(listDestinationsRequestSchema, { type: '' })).toEqual({ type: undefined });
    expect(parseRequest(listDestinationsRequestSchema, { type: 'gh' })).toEqual({ type: 'gh' });
    expect(refusal(() => parseRequest(listDestinationsRequestSchema, { type: 'ftp' })).message).toBe(
      'type: must be empty or one of aws-sm, azure-kv, gcp-sm, gh, vercel-project',
    );
  });

  it('keeps the delete flags', () => {
    expect(parseRequest(deleteDestinationRequestSchema, { type: 'gh', name: 'x', purge: true, force_delete: false })).toEqual({
      type: 'gh',
      name: 'x',
      purge: true,
      force_delete: false,
    });
  });

  it('accepts a config patch of any subset and refuses a capacity below 1 or fractional', () => {
    expect(parseRequest(patchConfigRequestSchema, {})).toEqual({});
    expect(parseRequest(patchConfigRequestSchema, { disabled: true, _disabled: 'disabled' })).toEqual({ disabled: true });
    expect(refusal(() => parseRequest(patchConfigRequestSchema, { queue_capacity: 0 })).message).toBe('queue_capacity: must be at least 1');
    expect(refusal(() => parseRequest(patchConfigRequestSchema, { queue_capacity: 1.5 })).message).toBe('queue_capacity: must be a whole number');
  });
});

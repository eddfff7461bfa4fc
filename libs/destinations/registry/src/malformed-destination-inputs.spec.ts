import {
  CREDENTIAL_SENTINEL,
  MALFORMED_DESTINATION_INPUTS,
  MalformedDestinationInput,
  createDestinationInput,
  updateDestinationInput,
} from '@vault-sync/destinations-core';
import { ConfigurationError, DESTINATION_KINDS } from '@vault-sync/domain';
import { DESTINATION_TYPES } from './destination-types';

function attempt(row: MalformedDestinationInput): unknown {
  const spec = DESTINATION_TYPES[row.kind];
  const name = row.name ?? 'sample';
  try {
    if (row.update === undefined) {
      createDestinationInput(spec, name, row.body);
    } else {
      const existing = { ...createDestinationInput(spec, name, row.update.existing), createdAt: '', updatedAt: '' };
      updateDestinationInput(spec, existing, row.body, row.update.mode);
    }
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('malformed destination inputs', () => {
  it('cover every kind, over a hundred in all', () => {
    expect(MALFORMED_DESTINATION_INPUTS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(MALFORMED_DESTINATION_INPUTS.map((row) => row.kind))).toEqual(new Set(DESTINATION_KINDS));
  });

  describe.each(DESTINATION_KINDS)('%s', (kind) => {
    const rows = MALFORMED_DESTINATION_INPUTS.filter((row) => row.kind === kind);

    it.each(rows.map((row) => [row.title, row] as const))('refuses: %s', (_title, row) => {
      const error = attempt(row);
      expect(error).toBeInstanceOf(ConfigurationError);
      const { code, message } = error as ConfigurationError;
      expect({ code, message }).toEqual({ code: row.code, message: expect.stringContaining(row.problem) });
      expect(message.toLowerCase()).not.toContain(CREDENTIAL_SENTINEL);
    });
  });
});

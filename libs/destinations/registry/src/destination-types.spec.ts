import { DESTINATION_KINDS } from '@vault-sync/domain';
import { DESTINATION_TYPES } from './destination-types';

describe('DESTINATION_TYPES', () => {
  it.each(DESTINATION_KINDS)('maps %s to its own spec', (kind) => {
    expect(DESTINATION_TYPES[kind].kind).toBe(kind);
  });
});

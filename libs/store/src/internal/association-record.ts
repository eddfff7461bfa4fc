import { Association, associationId } from '@vault-sync/domain';
import { StoreKeys } from '../keys';
import { WriteCommand } from './atomic-write';

/** An association as stored in its own hash; sub-key entries live in a second hash. */
export type AssociationRecord = Omit<Association, 'subKeys'>;

/** Deletes an association with its sub-key entries and its place in both indexes. */
export function associationRemovalCommands(keys: StoreKeys, association: AssociationRecord): WriteCommand[] {
  const id = associationId(association.destination, association);
  return [
    ['DEL', keys.association(id)],
    ['DEL', keys.associationSubKeys(id)],
    ['SREM', keys.destinationAssociations(association.destination), id],
    ['SREM', keys.secretAssociations(association), id],
  ];
}

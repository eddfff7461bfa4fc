import { Association } from '@vault-sync/domain';
import { AssociationJobRef } from '@vault-sync/jobs';

/** Exactly the fields a job may carry (the payload schemas are strict). */
export function associationJobRef(association: Association): AssociationJobRef {
  return {
    destination: { type: association.destination.type, name: association.destination.name },
    mountAccessor: association.mountAccessor,
    secretPath: association.secretPath,
  };
}

import { Destination } from '@vault-sync/domain';

/** A destination as stored: credentials live apart, encrypted; only their field names stay readable (masking). */
export interface DestinationRecord extends Omit<Destination, 'credentials'> {
  credentialFields: string[];
}

export const CREDENTIALS_FIELD = 'credentials';

/**
 * Incremented whenever an association is added to the destination. A destination delete guards on it, so an
 * association set concurrently with the delete makes the delete re-read instead of leaving the association behind.
 */
export const ASSOCIATIONS_ADDED_FIELD = 'associations-added';

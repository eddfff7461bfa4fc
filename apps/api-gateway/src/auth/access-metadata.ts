import { SetMetadata } from '@nestjs/common';

export const UNAUTHENTICATED = 'vault-sync:unauthenticated';
export const EXISTENCE_CHECKED = 'vault-sync:existence-checked';

/** A route anyone may call without a token (health, the API description). */
export const Unauthenticated = () => SetMetadata(UNAUTHENTICATED, true);

/** What a route's `:name` (with `:type` for a destination) names, for the existence check. */
export type ExistenceCheckedRecord = 'destination' | 'github-app';

/**
 * A POST/PUT that creates or updates a record: it needs `create` when the record does not exist yet and `update`
 * when it does, which is Vault's existence check. Other writes need `update`.
 */
export const ExistenceChecked = (record: ExistenceCheckedRecord) => SetMetadata(EXISTENCE_CHECKED, record);

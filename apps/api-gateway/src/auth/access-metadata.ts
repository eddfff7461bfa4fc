import { SetMetadata } from '@nestjs/common';

export const UNAUTHENTICATED = 'vault-sync:unauthenticated';
export const EXISTENCE_CHECKED = 'vault-sync:existence-checked';

/** A route anyone may call without a token (health, the API description). */
export const Unauthenticated = () => SetMetadata(UNAUTHENTICATED, true);

/**
 * A POST/PUT that creates or updates a destination: it needs `create` when the destination does not exist yet
 * and `update` when it does, which is Vault's existence check. Other writes need `update`.
 */
export const ExistenceChecked = () => SetMetadata(EXISTENCE_CHECKED, true);

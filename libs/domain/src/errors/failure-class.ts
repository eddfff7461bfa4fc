import { SyncStatus } from '../status/sync-status';

/** The three failure classes Vault reports on an association (spec §7.1). */
export const FailureClass = {
  InternalVault: 'INTERNAL_VAULT_ERROR',
  ClientSide: 'CLIENT_SIDE_ERROR',
  ExternalService: 'EXTERNAL_SERVICE_ERROR',
} as const satisfies Record<string, SyncStatus>;

export type FailureClass = (typeof FailureClass)[keyof typeof FailureClass];

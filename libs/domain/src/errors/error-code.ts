/** Stable machine-readable codes. Values are part of the API: never rename one. */
export const ErrorCode = {
  // configuration time
  InvalidTemplate: 'invalid_template',
  InvalidName: 'invalid_name',
  NameCollision: 'name_collision',
  InvalidConfiguration: 'invalid_configuration',
  // state machine
  IllegalTransition: 'illegal_transition',
  // Vault side
  VaultUnavailable: 'vault_unavailable',
  VaultPermissionDenied: 'vault_permission_denied',
  SecretNotFound: 'secret_not_found',
  MountNotFound: 'mount_not_found',
  StoreFailure: 'store_failure',
  // the gateway's caller: missing, invalid or insufficient token (Vault answers all three with a bare 403)
  PermissionDenied: 'permission_denied',
  // destination side, caused by our configuration or request
  DestinationAuthFailed: 'destination_auth_failed',
  DestinationPermissionDenied: 'destination_permission_denied',
  DestinationNotFound: 'destination_not_found',
  DestinationRejected: 'destination_rejected',
  ValueTooLarge: 'value_too_large',
  ValueEmpty: 'value_empty',
  NotOwned: 'not_owned',
  // destination side, transient
  DestinationThrottled: 'destination_throttled',
  DestinationUnavailable: 'destination_unavailable',
  DestinationTimeout: 'destination_timeout',
  // our own records (store)
  UnknownDestination: 'unknown_destination',
  DestinationExists: 'destination_exists',
  DestinationInUse: 'destination_in_use',
  DestinationPurging: 'destination_purging',
  UnknownAssociation: 'unknown_association',
  ConcurrentModification: 'concurrent_modification',
  CredentialDecryptionFailed: 'credential_decryption_failed',
  UnknownGithubApp: 'unknown_github_app',
  GithubAppExists: 'github_app_exists',
  GithubAppInUse: 'github_app_in_use',
  // the feature flag of sys/activation-flags (spec §3.9)
  FeatureNotActivated: 'feature_not_activated',
  // admission of new operations
  QueueFull: 'queue_full',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

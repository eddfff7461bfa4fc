export type { AccessChecker, AccessRequest } from './access-checker';
export type { Capability } from './capability';
export { PermissionDeniedError } from './permission-denied.error';
export type { CapabilitiesSelfSource } from './vault-delegated-access-checker';
export { createAccessChecker, DEFAULT_DECISION_TTL_MS, DEFAULT_MAX_CACHED_DECISIONS } from './create-access-checker';
export type { AccessCheckerOptions } from './create-access-checker';

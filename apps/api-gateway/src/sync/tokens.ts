/** The `AccessChecker` of `@vault-sync/access` that every API surface (HTTP, gRPC) authorizes requests with. */
export const ACCESS_CHECKER = Symbol('ACCESS_CHECKER');

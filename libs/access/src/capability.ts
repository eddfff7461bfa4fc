/** A Vault ACL capability an operation needs on a path (Vault policy syntax; `deny` and `root` are verdicts, not needs). */
export type Capability = 'create' | 'read' | 'update' | 'patch' | 'delete' | 'list' | 'sudo';

/**
 * Vault's answer for one path grants `needed` (spec vault-sync-api §10, §3.7): `deny` overrides everything,
 * `root` includes everything, otherwise the capability must be listed.
 */
export function grantsCapability(capabilities: readonly string[], needed: Capability): boolean {
  if (capabilities.includes('deny')) return false;
  return capabilities.includes('root') || capabilities.includes(needed);
}

import { AuditEntrySchema, isSuccessfulResponse } from './audit-entry.schema';
import { classifyMountChange } from './classify-mount-change';
import { classifySecretChange } from './classify-secret-change';
import { MountResolver } from './mount-resolver';
import { ObservedChange } from './observed-change';

export interface ClassifyOptions {
  resolveMount?: MountResolver;
}

/**
 * One parsed audit entry → the change it reports, or `undefined` for everything that changes nothing we sync:
 * request entries (the operation has not happened yet), failures, reads and lists, other engines, KV v1 (when
 * the resolver says so) and the enable-time test probe (spec vault-change-capture §3, §6 items 1 and 12).
 */
export function classifyAuditEntry(entry: unknown, options: ClassifyOptions = {}): ObservedChange | undefined {
  const parsed = AuditEntrySchema.safeParse(entry);
  if (!parsed.success || !isSuccessfulResponse(parsed.data)) return undefined;
  return classifySecretChange(parsed.data, options.resolveMount) ?? classifyMountChange(parsed.data);
}

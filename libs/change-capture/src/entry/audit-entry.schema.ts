import { z } from 'zod';

/**
 * An optional field of an unexpected type reads as absent instead of rejecting the whole entry: Vault and
 * OpenBao versions add, drop and retype fields (spec vault-change-capture §2.6).
 */
const tolerant = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/**
 * Only the fields classification reads (spec §7 model). `z.object` strips everything else, so request and
 * response bodies (HMAC'd secret values, spec §2.5) never get past this point.
 */
export const AuditEntrySchema = z.object({
  time: z.string(),
  type: z.string(),
  error: tolerant(z.string()),
  request: z.object({
    id: z.string().min(1),
    operation: z.string(),
    path: z.string(),
    mount_point: tolerant(z.string()),
    mount_type: tolerant(z.string()),
    mount_accessor: tolerant(z.string()),
    namespace: tolerant(z.object({ path: tolerant(z.string()) })),
    // Clear only when Vault logs request numbers unhashed (unconfirmed, spec §2.5, §8 item 1).
    data: tolerant(z.object({ versions: tolerant(z.array(z.number().int().nonnegative())) })),
  }),
  response: tolerant(
    z.object({
      mount_accessor: tolerant(z.string()),
      data: tolerant(
        z.object({
          version: tolerant(z.number().int().nonnegative()),
          error: z.unknown().optional(),
        }),
      ),
    }),
  ),
});

export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/**
 * The success test (spec §3.3): a response entry with neither an outer `error` nor a handler error body. A
 * missing `response` object is not a failure: current Vault omits it on 204s (spec §6 item 8).
 */
export function isSuccessfulResponse(entry: AuditEntry): boolean {
  return entry.type === 'response' && !entry.error && entry.response?.data?.error == null;
}

/** `request.namespace.path`; the root namespace has none. */
export function namespaceOf(entry: AuditEntry): string | undefined {
  return entry.request.namespace?.path || undefined;
}

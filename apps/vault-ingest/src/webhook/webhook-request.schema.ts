import { z } from 'zod';

const withoutEdgeSlashes = (value: string) => value.replace(/^\/+|\/+$/g, '');

/**
 * `POST /v1/sync/ingest/webhook` body: which KV v2 secret may have changed. Slashes at either end are ignored,
 * as the sync API does for mounts. `version`, when the caller knows it, is passed on as the observed version.
 */
export const webhookRequestSchema = z.strictObject({
  mount: z.string().max(1024).transform(withoutEdgeSlashes).pipe(z.string().min(1, 'must name a mount')),
  path: z.string().max(4096).transform(withoutEdgeSlashes).pipe(z.string().min(1, 'must name a secret')),
  version: z.number().int().positive().optional(),
});

export type WebhookRequest = z.output<typeof webhookRequestSchema>;

/** zod's messages name fields and expectations, never the input. */
export function describeWebhookIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`);
}

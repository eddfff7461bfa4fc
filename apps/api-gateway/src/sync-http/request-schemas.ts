import { booleanField, integerField, validateDestinationName } from '@vault-sync/destinations-core';
import { DESTINATION_KINDS, DestinationRef } from '@vault-sync/domain';
import { z } from 'zod';
import { parseRequestInput } from '../http/request-input';

const MAX_PATH_LENGTH = 1024;

function isControlCharacter(character: string): boolean {
  const code = character.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

/** A Vault path inside a mount, or a mount path: no `.`/`..`/empty segments, no control characters. */
function vaultPathField(what: string) {
  return z
    .string()
    .min(1, 'is required')
    .max(MAX_PATH_LENGTH, `must be at most ${MAX_PATH_LENGTH} characters`)
    .refine((value) => ![...value].some(isControlCharacter), 'must not contain control characters')
    .refine(
      (value) => value.replace(/^\/+|\/+$/g, '').split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..'),
      `must be a ${what} without empty, "." or ".." segments`,
    );
}

/** `kv`, `kv/` and `/kv/` alike (spec §3.7). */
export const mountField = vaultPathField('mount path');

/** Names a secret, not a folder: a trailing `/` is refused (spec §3.7). */
export const secretNameField = vaultPathField('secret path')
  .refine((value) => !value.endsWith('/'), 'must name a secret, not a folder (no trailing /)')
  .refine((value) => !value.startsWith('/'), 'must be relative to the mount (no leading /)');

export const destinationParamsSchema = z.object({
  type: z.enum(DESTINATION_KINDS, { error: `unsupported destination type: must be one of ${DESTINATION_KINDS.join(', ')}` }),
  name: z.string(),
});

/** `:type/:name`, validated before anything is looked up. @throws 400 naming the bad part */
export function destinationRefOf(params: unknown): DestinationRef {
  const { type, name } = parseRequestInput(destinationParamsSchema, params, 'path');
  validateDestinationName(name);
  return { type, name };
}

export const listQuerySchema = z.strictObject({ list: booleanField });
export const readQuerySchema = z.strictObject({ list: booleanField.optional() });
export const noQuerySchema = z.strictObject({});
export const deleteDestinationQuerySchema = z.strictObject({ purge: booleanField.optional(), force_delete: booleanField.optional() });
export const secretQuerySchema = z.strictObject({ mount: mountField, secret_name: secretNameField });

/** `associations/set` and `associations/remove` (spec §3.7). */
export const associationBodySchema = z.strictObject({ mount: mountField, secret_name: secretNameField });

export const githubAppParamsSchema = z.object({ name: z.string() });

/** `sys/sync/github-apps/:name` (spec §3.10); what a create requires is the service's rule. */
export const githubAppBodySchema = z.strictObject({
  app_id: integerField(1, Number.MAX_SAFE_INTEGER).optional(),
  private_key: z.string().min(1, 'is required').optional(),
});

/** `PATCH sys/sync/config` (spec §3.1); every field optional. */
export const syncConfigPatchSchema = z.strictObject({
  disabled: booleanField.optional(),
  queue_capacity: integerField(1, 1_000_000_000).optional(),
});

import { EmulatorRequest } from '../core/router';
import { unprocessable } from './gh.errors';
import { canonicalSecretName, secretNameProblem, VALUE_TOO_LARGE_MESSAGE, valueTooLarge } from './gh.names';
import { checkedBody, FieldRule } from './gh.request-body';
import { SecretScope } from './gh.store';

/** The `encrypted_value` pattern of GitHub's schema: padded standard base64. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;

/** Unconfirmed for a stale key id and for a box that does not open (spec §7.4); this is what GitHub says for the latter. */
export const IMPROPERLY_ENCRYPTED_MESSAGE = 'Bad request - validation failed due to an improperly encrypted secret';

const SEALED_VALUE_RULES: Record<string, FieldRule> = { encrypted_value: { type: 'string', pattern: BASE64 }, key_id: { type: 'string' } };

export interface SealedWrite {
  name: string;
  plaintext: string;
  body: Record<string, unknown>;
}

/**
 * Validates a secret PUT (body schema, then name, then key and box, then size) and opens the sealed value with
 * the scope's private key, so the emulator can hold the plaintext.
 */
export function openSealedWrite(request: EmulatorRequest, scope: SecretScope, extraRules: Record<string, FieldRule> = {}, extraRequired: string[] = []): SealedWrite {
  const body = checkedBody(request, { ...SEALED_VALUE_RULES, ...extraRules }, ['encrypted_value', 'key_id', ...extraRequired]);
  const rawName = request.params['secret_name'];
  const nameProblem = secretNameProblem(rawName);
  if (nameProblem) throw unprocessable(nameProblem);
  const opened = scope.keys.open(body['key_id'] as string, body['encrypted_value'] as string);
  if ('error' in opened) throw unprocessable(IMPROPERLY_ENCRYPTED_MESSAGE);
  if (valueTooLarge(opened.ok)) throw unprocessable(VALUE_TOO_LARGE_MESSAGE);
  return { name: canonicalSecretName(rawName), plaintext: opened.ok, body };
}

import { DestinationKind, Granularity } from '../destinations/destination-kind';
import { ErrorCode } from '../errors/error-code';
import { ClientSideError } from '../errors/vault-sync-error';
import { fingerprint } from '../fingerprint/fingerprint';
import { CompiledTemplate } from '../naming/compile-template';
import { externalNameFor } from '../naming/external-name';
import { NAME_RULES, comparableName } from '../naming/name-rules';
import { SecretTemplateVariables } from '../naming/template-variables';
import { ExternalSecretPayload } from './external-secret-payload';
import { KvData, encodeKeyValue, encodeSecretData } from './secret-data';
import { VALUE_SIZE_LIMITS } from './value-size-limits';

export interface SecretToExpand {
  readonly kind: DestinationKind;
  readonly granularity: Granularity;
  /** A template accepted by `validateTemplateFor` for this kind and granularity. */
  readonly template: CompiledTemplate;
  readonly variables: SecretTemplateVariables;
  readonly data: KvData;
}

/**
 * Turns one KV secret version into the entries its destination holds (spec §6): one JSON entry under
 * secret-path, one entry per top-level key (sorted by key) under secret-key.
 * @throws ConfigurationError (`invalid_name`) when a name breaks the destination's rules, ClientSideError
 * `name_collision` when two keys land on one name, `value_too_large` / `value_empty` when a value does not fit.
 */
export function expandSecret(secret: SecretToExpand): ExternalSecretPayload[] {
  const payloads =
    secret.granularity === 'secret-path'
      ? [payload(externalNameFor(secret.kind, secret.template, secret.variables), encodeSecretData(secret.data))]
      : Object.keys(secret.data)
          .sort()
          .map((key) =>
            payload(
              externalNameFor(secret.kind, secret.template, { ...secret.variables, SecretKey: key }),
              encodeKeyValue(secret.data[key]),
              key,
            ),
          );
  assertNoNameCollisions(secret, payloads);
  payloads.forEach((entry) => assertValueFits(secret, entry));
  return payloads;
}

function payload(externalName: string, value: string, subKey?: string): ExternalSecretPayload {
  return { externalName, value, fingerprint: fingerprint(value), ...(subKey === undefined ? {} : { subKey }) };
}

function assertNoNameCollisions(secret: SecretToExpand, payloads: readonly ExternalSecretPayload[]): void {
  const byName = new Map<string, ExternalSecretPayload>();
  for (const entry of payloads) {
    const name = comparableName(secret.kind, entry.externalName);
    const earlier = byName.get(name);
    if (earlier !== undefined) {
      throw new ClientSideError(
        ErrorCode.NameCollision,
        `keys ${JSON.stringify(earlier.subKey)} and ${JSON.stringify(entry.subKey)} of secret ${JSON.stringify(secret.variables.SecretPath)} ` +
          `both map to the ${NAME_RULES[secret.kind].label} ${JSON.stringify(entry.externalName)}`,
      );
    }
    byName.set(name, entry);
  }
}

function assertValueFits(secret: SecretToExpand, entry: ExternalSecretPayload): void {
  const limit = VALUE_SIZE_LIMITS[secret.kind];
  const bytes = Buffer.byteLength(entry.value, 'utf8');
  const what =
    entry.subKey === undefined
      ? `the value of secret ${JSON.stringify(secret.variables.SecretPath)}`
      : `the value of key ${JSON.stringify(entry.subKey)} of secret ${JSON.stringify(secret.variables.SecretPath)}`;
  if (bytes > limit.maxBytes) {
    throw new ClientSideError(
      ErrorCode.ValueTooLarge,
      `${what} is ${bytes} bytes, over the ${secret.kind} limit of ${limit.maxBytes} bytes (${limit.documented})`,
    );
  }
  if (bytes < limit.minBytes) {
    throw new ClientSideError(ErrorCode.ValueEmpty, `${what} is empty, and ${secret.kind} does not accept empty values`);
  }
}

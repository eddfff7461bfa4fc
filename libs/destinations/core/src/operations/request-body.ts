import { DestinationTypeSpec } from '../destination-type-spec';
import { DestinationConfigurationError, problem } from '../errors/destination-configuration-error';
import { isMaskedValue } from '../fields/masked-value';

export type RequestFields = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireFieldsObject(body: unknown): RequestFields {
  if (!isPlainObject(body)) throw new DestinationConfigurationError([problem('body', 'must be a JSON object')]);
  return body;
}

/** Outside a merge patch, a null is taken as "not sent" [I]. */
export function withoutNulls(fields: RequestFields): RequestFields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
}

/** A credential sent back as `*****` means "keep the stored one" (spec §3.5), so it is dropped from the request. */
export function withoutMaskedCredentials(spec: DestinationTypeSpec, fields: RequestFields): RequestFields {
  return Object.fromEntries(
    Object.entries(fields).filter(([field, value]) => !(spec.credentialFields.includes(field) && isMaskedValue(value))),
  );
}

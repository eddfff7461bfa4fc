import { Destination } from '@vault-sync/domain';
import { DestinationInput, DestinationTypeSpec } from '../destination-type-spec';
import { changeProblems } from './change-problems';
import { applyMergePatch } from './merge-patch';
import { parseDestinationFields } from './parse-destination-fields';
import { requireFieldsObject, withoutMaskedCredentials, withoutNulls } from './request-body';
import { storedFields } from './stored-fields';

/** `replace`: POST/PUT on an existing destination. `merge-patch`: PATCH with `application/merge-patch+json`. */
export type UpdateMode = 'replace' | 'merge-patch';

/**
 * An update of `existing` (spec §3.5): fields not sent keep their stored values, a `*****` credential keeps the
 * stored secret, and the result is validated as a whole, so cross-field rules see the merged configuration.
 * `tags_to_remove` only acts in merge-patch mode. Returns the complete destination to store.
 * @throws ConfigurationError as createDestinationInput, plus `<field>: cannot be changed after creation`.
 */
export function updateDestinationInput(
  spec: DestinationTypeSpec,
  existing: Destination,
  body: unknown,
  mode: UpdateMode,
): DestinationInput {
  if (existing.type !== spec.kind) throw new Error(`the ${spec.kind} spec cannot update a ${existing.type} destination`);
  const patch = withoutMaskedCredentials(spec, requireFieldsObject(body));
  const stored = storedFields(spec, existing);
  const requested = mode === 'replace' ? { ...stored, ...withoutNulls(patch) } : applyMergePatch(stored, patch);
  const fields = parseDestinationFields(spec, requested, (parsed) => changeProblems(spec, existing, parsed));
  return { type: existing.type, name: existing.name, ...fields };
}

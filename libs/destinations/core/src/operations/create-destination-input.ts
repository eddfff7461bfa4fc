import { DestinationInput, DestinationTypeSpec } from '../destination-type-spec';
import { validateDestinationName } from './destination-name';
import { parseDestinationFields } from './parse-destination-fields';
import { requireFieldsObject, withoutMaskedCredentials, withoutNulls } from './request-body';

/**
 * POST on a destination that does not exist yet (spec §3.5): validates `body`, applies the type's defaults and
 * returns the destination to store. A `*****` credential counts as not sent.
 * @throws ConfigurationError (`invalid_name` for the name, `invalid_configuration` / template codes for the body).
 */
export function createDestinationInput(spec: DestinationTypeSpec, name: string, body: unknown): DestinationInput {
  validateDestinationName(name);
  const fields = withoutMaskedCredentials(spec, withoutNulls(requireFieldsObject(body)));
  return { type: spec.kind, name, ...parseDestinationFields(spec, fields) };
}

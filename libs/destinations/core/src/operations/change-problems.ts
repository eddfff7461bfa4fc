import { Destination } from '@vault-sync/domain';
import { isDeepStrictEqual } from 'node:util';
import { DestinationTypeSpec } from '../destination-type-spec';
import { ConfigurationProblem, problem } from '../errors/destination-configuration-error';
import { DestinationFields } from './parse-destination-fields';

/** Immutable fields that changed, and update rules a changed field breaks (spec §3.5). Unset → set is a change too. */
export function changeProblems(spec: DestinationTypeSpec, existing: Destination, next: DestinationFields): ConfigurationProblem[] {
  const changed = (field: string) => !isDeepStrictEqual(existing.connection[field], next.connection[field]);
  return [
    ...spec.immutableFields.filter(changed).map((field) => problem(field, 'cannot be changed after creation')),
    ...spec.updateRules
      .filter((rule) => changed(rule.field) && !rule.allows(existing.connection[rule.field], next.connection[rule.field]))
      .map((rule) => problem(rule.field, rule.rule)),
  ];
}

import { DEFAULT_GRANULARITY, effectiveTemplateSource, validateTemplateFor } from '@vault-sync/domain';
import { COMMON_FIELDS, CommonFields, NETWORKING_FIELDS, commonFieldsSchema } from '../common/common-fields.schema';
import { isSet } from '../common/cross-field-rules';
import { DestinationInput, DestinationTypeSpec } from '../destination-type-spec';
import { describeIssue, problemsFromIssues } from '../errors/describe-issues';
import { ConfigurationProblem, DestinationConfigurationError, problem } from '../errors/destination-configuration-error';
import { RequestFields } from './request-body';

export type DestinationFields = Pick<DestinationInput, 'connection' | 'credentials' | 'options'>;

/** A further check on fields that passed their schemas, e.g. immutables on update. */
export type ParsedFieldsCheck = (parsed: DestinationFields) => ConfigurationProblem[];

const TAG_FIELDS = ['custom_tags', 'tags_to_remove'];

/**
 * Validates a complete destination write under its wire field names, applies defaults, splits credentials from
 * the non-secret connection details and checks the effective name template at configuration time, so that an
 * invalid template, or one without `.SecretKey` under secret-key, is refused before any association exists.
 * @throws DestinationConfigurationError listing every field problem; the template's ConfigurationError
 * (`invalid_template` / `invalid_name`) when only the template is wrong.
 */
export function parseDestinationFields(
  spec: DestinationTypeSpec,
  fields: RequestFields,
  check: ParsedFieldsCheck = () => [],
): DestinationFields {
  const own = Object.fromEntries(
    Object.entries(fields).filter(([field]) => !COMMON_FIELDS.includes(field) && !spec.ignoredFields.includes(field)),
  );
  const common = Object.fromEntries(Object.entries(fields).filter(([field]) => COMMON_FIELDS.includes(field)));
  const commonResult = commonFieldsSchema.safeParse(common, { error: describeIssue });
  const ownResult = spec.fieldsSchema.safeParse(own, { error: describeIssue });
  const problems = [
    ...unsupportedTagProblems(spec, fields),
    ...(commonResult.success ? [] : problemsFromIssues(commonResult.error.issues)),
    ...(ownResult.success ? [] : problemsFromIssues(ownResult.error.issues)),
  ];
  if (!commonResult.success || !ownResult.success || problems.length > 0) throw new DestinationConfigurationError(problems);

  const parsed = assemble(spec, commonResult.data, ownResult.data);
  const changeProblems = check(parsed);
  if (changeProblems.length > 0) throw new DestinationConfigurationError(changeProblems);
  validateTemplateFor(spec.kind, parsed.options.granularity, parsed.options.secretNameTemplate);
  return parsed;
}

function unsupportedTagProblems(spec: DestinationTypeSpec, fields: RequestFields): ConfigurationProblem[] {
  if (spec.supportsCustomTags) return [];
  return TAG_FIELDS.filter((field) => fields[field] !== undefined).map((field) =>
    problem(field, `is not supported: ${spec.displayName} has no tags`),
  );
}

/** Unset values ("" and empty lists or maps) are not stored, so a stored field always means something. */
function assemble(spec: DestinationTypeSpec, common: CommonFields, own: Record<string, unknown>): DestinationFields {
  const connection: Record<string, unknown> = {};
  const credentials: Record<string, string> = {};
  for (const [field, value] of Object.entries(own)) {
    if (!isSet(value)) continue;
    if (!spec.credentialFields.includes(field)) connection[field] = value;
    else if (typeof value === 'string') credentials[field] = value;
    else throw new Error(`the ${spec.kind} schema gives the credential field ${field} a non-string value`);
  }
  for (const field of NETWORKING_FIELDS) {
    if (isSet(common[field])) connection[field] = common[field];
  }
  const granularity = common.granularity ?? DEFAULT_GRANULARITY[spec.kind];
  return {
    connection,
    credentials,
    options: {
      granularity,
      secretNameTemplate: effectiveTemplateSource(spec.kind, granularity, common.secret_name_template),
      customTags: common.custom_tags ?? {},
      adoptExisting: common.adopt_existing,
    },
  };
}

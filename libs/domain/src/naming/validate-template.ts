import { DestinationKind, Granularity } from '../destinations/destination-kind';
import { ErrorCode } from '../errors/error-code';
import { ConfigurationError } from '../errors/vault-sync-error';
import { CompiledTemplate, compileTemplate } from './compile-template';
import { externalNameFor } from './external-name';
import { TEMPLATE_FIELD } from './template-error';
import { TemplateVariables, secretTemplateVariables } from './template-variables';

/** The example secret of spec §5, rendered at configuration time to catch templates that can never give a valid name. */
function sampleVariables(kind: DestinationKind, granularity: Granularity): TemplateVariables {
  const variables = secretTemplateVariables({
    destinationType: kind,
    destinationName: 'sample-destination',
    namespacePath: 'ns1/ns2',
    namespaceId: 'RQegM',
    mountPath: 'path/to/kv1',
    mountAccessor: 'kv_1234',
    secretPath: 'path/to/secret1',
  });
  return granularity === 'secret-key' ? { ...variables, SecretKey: 'foo' } : variables;
}

/**
 * Configuration-time check of a destination's `secret_name_template` (resolve "" with `effectiveTemplateSource`
 * first). Under secret-key granularity the template must use `.SecretKey`, or every key would get the same name;
 * under secret-path it must not, because there is no key to fill in.
 * @throws ConfigurationError (`invalid_template` or `invalid_name`, field `secret_name_template`).
 */
export function validateTemplateFor(kind: DestinationKind, granularity: Granularity, source: string): CompiledTemplate {
  const template = compileTemplate(source);
  const usesKey = template.references('SecretKey');
  if (granularity === 'secret-key' && !usesKey) {
    throw keyUsageError('must reference .SecretKey under secret-key granularity, otherwise every key of a secret gets the same name');
  }
  if (granularity === 'secret-path' && usesKey) {
    throw keyUsageError('must not reference .SecretKey under secret-path granularity, where a whole secret is one entry');
  }
  externalNameFor(kind, template, sampleVariables(kind, granularity));
  return template;
}

function keyUsageError(problem: string): ConfigurationError {
  return new ConfigurationError(ErrorCode.InvalidTemplate, `invalid secret name template: it ${problem}`, TEMPLATE_FIELD);
}

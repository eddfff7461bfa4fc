import { DestinationKind } from '../destinations/destination-kind';
import { ErrorCode } from '../errors/error-code';
import { ConfigurationError } from '../errors/vault-sync-error';
import { CompiledTemplate } from './compile-template';
import { NAME_RULES } from './name-rules';
import { normalizeName } from './normalize-name';
import { TEMPLATE_FIELD } from './template-error';
import { TemplateVariables } from './template-variables';
import { validateName } from './validate-name';

/**
 * Renders, normalises and validates the name one secret (or one key of it) gets at the destination.
 * @throws ConfigurationError with code `invalid_name` naming the broken rule(s), when normalisation cannot repair the name.
 */
export function externalNameFor(kind: DestinationKind, template: CompiledTemplate, variables: TemplateVariables): string {
  const name = normalizeName(kind, template.render(variables));
  const violations = validateName(kind, name);
  if (violations.length > 0) {
    const broken = violations.map((violation) => `${violation.message} [${violation.rule}]`).join('; ');
    throw new ConfigurationError(
      ErrorCode.InvalidName,
      `template ${JSON.stringify(template.source)} gives the ${NAME_RULES[kind].label} ${JSON.stringify(name)}, which breaks its rules: ${broken}`,
      TEMPLATE_FIELD,
    );
  }
  return name;
}

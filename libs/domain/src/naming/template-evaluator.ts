import { ErrorCode } from '../errors/error-code';
import { ConfigurationError } from '../errors/vault-sync-error';
import { TemplateExpression, TemplatePart, TemplateValue } from './template-ast';
import { TEMPLATE_FIELD } from './template-error';
import { TemplateVariables } from './template-variables';

export function renderParts(parts: readonly TemplatePart[], variables: TemplateVariables): string {
  return parts.map((part) => (typeof part === 'string' ? part : String(evaluate(part, variables)))).join('');
}

function evaluate(expression: TemplateExpression, variables: TemplateVariables): TemplateValue {
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'call':
      return expression.fn.apply(expression.args.map((arg) => evaluate(arg, variables)));
    case 'variable': {
      const value = variables[expression.name];
      if (value === undefined) {
        throw new ConfigurationError(
          ErrorCode.InvalidTemplate,
          `secret name template uses .${expression.name}, which has no value here: .SecretKey only exists under secret-key granularity`,
          TEMPLATE_FIELD,
        );
      }
      return value;
    }
  }
}

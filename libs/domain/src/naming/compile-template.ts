import { TemplatePart } from './template-ast';
import { renderParts } from './template-evaluator';
import { parseTemplate } from './template-parser';
import { TemplateVariable, TemplateVariables } from './template-variables';

/** A secret name template that parsed and type-checked; rendering it cannot fail except for a missing `.SecretKey`. */
export class CompiledTemplate {
  constructor(
    readonly source: string,
    private readonly parts: readonly TemplatePart[],
    private readonly variables: ReadonlySet<TemplateVariable>,
  ) {}

  references(variable: TemplateVariable): boolean {
    return this.variables.has(variable);
  }

  render(variables: TemplateVariables): string {
    return renderParts(this.parts, variables);
  }
}

/**
 * Compiles the Go text/template subset Vault uses for secret names (spec §5).
 * @throws ConfigurationError with code `invalid_template` and field `secret_name_template`, naming the position.
 */
export function compileTemplate(source: string): CompiledTemplate {
  const { parts, variables } = parseTemplate(source);
  return new CompiledTemplate(source, parts, variables);
}

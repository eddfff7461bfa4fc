export { CompiledTemplate, compileTemplate } from './compile-template';
export { DEFAULT_TEMPLATES, effectiveTemplateSource } from './default-templates';
export { externalNameFor } from './external-name';
export { NAME_RULES, type NameRuleId, type NameRules, comparableName } from './name-rules';
export { normalizeName } from './normalize-name';
export { NON_DETERMINISTIC_FUNCTIONS } from './template-functions';
export {
  type SecretLocation,
  type SecretTemplateVariables,
  TEMPLATE_VARIABLES,
  type TemplateVariable,
  type TemplateVariables,
  isTemplateVariable,
  secretTemplateVariables,
} from './template-variables';
export { type NameRuleViolation, validateName } from './validate-name';
export { validateTemplateFor } from './validate-template';

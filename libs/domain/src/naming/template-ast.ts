import type { TemplateFunction } from './template-functions';
import { TemplateVariable } from './template-variables';

/** Go templates only ever see two kinds of value here: text, and the integer literals some functions take. */
export type ValueType = 'string' | 'int';

export type TemplateValue = string | number;

/** A compiled action. Pipelines are already desugared: `.A | f x` is the call `f(x, .A)`. */
export type TemplateExpression =
  | { readonly kind: 'variable'; readonly name: TemplateVariable }
  | { readonly kind: 'literal'; readonly value: TemplateValue }
  | { readonly kind: 'call'; readonly fn: TemplateFunction; readonly args: readonly TemplateExpression[] };

/** Literal text, or an action whose value is printed. */
export type TemplatePart = string | TemplateExpression;

export function typeOf(expression: TemplateExpression): ValueType {
  return expression.kind === 'literal' && typeof expression.value === 'number' ? 'int' : 'string';
}

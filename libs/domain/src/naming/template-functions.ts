import { base64Encode, lowercase, replaceAll, uppercase } from './string-functions';
import { TemplateExpression, TemplateValue, ValueType, typeOf } from './template-ast';
import { checkPrintf, formatPrintf } from './template-printf';
import { SHA256_SUFFIX_LENGTH, sha256Hex, truncateChars, truncateSha256 } from './truncate-sha256';

export interface TemplateFunction {
  readonly name: string;
  /** Parameter types. Under Go pipeline semantics a piped value is passed as the last argument. */
  readonly params: readonly ValueType[];
  /** When set, any number of extra arguments (of either type) may follow `params`. */
  readonly variadic: boolean;
  /** Compile-time checks beyond arity and types; returns the problem, if any. */
  readonly check: (args: readonly TemplateExpression[]) => string | undefined;
  readonly apply: (args: readonly TemplateValue[]) => string;
}

type ArgumentsOf<P extends readonly ValueType[]> = { [I in keyof P]: P[I] extends 'int' ? number : string };

function define<const P extends readonly ValueType[]>(
  name: string,
  params: P,
  apply: (...args: ArgumentsOf<P>) => string,
  check: (args: readonly TemplateExpression[]) => string | undefined = () => undefined,
): TemplateFunction {
  // The parser type-checks every call against `params` before it can run, so the cast cannot lie.
  return { name, params, variadic: false, check, apply: (args) => apply(...(args as unknown as ArgumentsOf<P>)) };
}

function literalAtLeast(name: string, minimum: number) {
  return (args: readonly TemplateExpression[]): string | undefined => {
    const length = args[0];
    return length?.kind === 'literal' && typeof length.value === 'number' && length.value < minimum
      ? `${name} length must be at least ${minimum}, got ${length.value}`
      : undefined;
  };
}

const printf: TemplateFunction = {
  name: 'printf',
  params: ['string'],
  variadic: true,
  check: ([format, ...rest]) =>
    format?.kind === 'literal' && typeof format.value === 'string'
      ? checkPrintf(format.value, rest.map(typeOf))
      : 'the printf format must be a string literal written in the template',
  apply: ([format, ...rest]) => formatPrintf(String(format), rest),
};

export const TEMPLATE_FUNCTIONS: ReadonlyMap<string, TemplateFunction> = new Map(
  [
    define('uppercase', ['string'], uppercase),
    define('lowercase', ['string'], lowercase),
    define('replace', ['string', 'string', 'string'], replaceAll),
    define('truncate', ['int', 'string'], (length, text) => truncateChars(text, length), literalAtLeast('truncate', 1)),
    define(
      'truncate_sha256',
      ['int', 'string'],
      (length, text) => truncateSha256(text, length),
      literalAtLeast('truncate_sha256', SHA256_SUFFIX_LENGTH + 1),
    ),
    define('sha256', ['string'], sha256Hex),
    define('base64', ['string'], base64Encode),
    printf,
  ].map((fn) => [fn.name, fn]),
);

/** Vault's template helper has these too; a name must render identically on every sync, so they are refused. */
export const NON_DETERMINISTIC_FUNCTIONS: ReadonlySet<string> = new Set([
  'random',
  'uuid',
  'timestamp',
  'unix_time',
  'unix_time_millis',
]);

import { ErrorCode } from '../errors/error-code';
import { ConfigurationError } from '../errors/vault-sync-error';

export const TEMPLATE_FIELD = 'secret_name_template';

/** A template the engine cannot compile; `offset` points into the template source. */
export function templateError(source: string, offset: number, problem: string): ConfigurationError {
  return new ConfigurationError(
    ErrorCode.InvalidTemplate,
    `invalid secret name template: ${problem} (${describePosition(source, offset)})`,
    TEMPLATE_FIELD,
  );
}

/** 1-based line and column, counted in characters so that emoji and CJK text do not skew the column. */
export function describePosition(source: string, offset: number): string {
  const before = source.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  const column = Array.from(before.slice(lineStart)).length + 1;
  return `line ${line}, column ${column}`;
}

import { ConfigurationError, ErrorCode } from '@vault-sync/domain';

/** One thing wrong with a destination configuration: the top-level field at fault and a message naming it and the rule. */
export interface ConfigurationProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * Every problem found in one destination write, so a client can fix them all at once. The message joins them; the
 * HTTP layer may return `problems` as separate entries of Vault's `errors` array. Messages never contain a value.
 */
export class DestinationConfigurationError extends ConfigurationError {
  constructor(readonly problems: readonly ConfigurationProblem[]) {
    super(ErrorCode.InvalidConfiguration, problems.map((problem) => problem.message).join('; '), problems[0]?.field);
  }
}

export function problem(field: string, rule: string): ConfigurationProblem {
  return { field, message: `${field}: ${rule}` };
}

import { ConfigurationError, ErrorCode } from '@vault-sync/domain';

/** Request input (path, query or body) that fails its schema: 400 with one `<field>: <rule>` entry per problem. */
export class InvalidRequestError extends ConfigurationError {
  constructor(readonly problems: readonly string[]) {
    super(ErrorCode.InvalidConfiguration, problems.join('; '));
  }
}

import { ConfigurationError, ErrorCode } from '@vault-sync/domain';

// Vault's GenericNameRegex for path names (word characters, with - and . inside); the 128 cap is ours [I].
const DESTINATION_NAME = /^\w(?:[\w.-]{0,126}\w)?$/;

/** @throws ConfigurationError `invalid_name` (field `name`). */
export function validateDestinationName(name: string): void {
  if (!DESTINATION_NAME.test(name)) {
    throw new ConfigurationError(
      ErrorCode.InvalidName,
      'name: must be 1-128 letters, digits, _, - or ., starting and ending with a letter, digit or _',
      'name',
    );
  }
}

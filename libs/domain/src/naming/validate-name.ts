import { DestinationKind } from '../destinations/destination-kind';
import { NAME_RULES, NameRuleId } from './name-rules';
import { endsLikeArnSuffix } from './normalize-name';

export interface NameRuleViolation {
  readonly rule: NameRuleId;
  /** Names the destination's rule and the offending part of the name; never contains a secret value. */
  readonly message: string;
}

/** Every rule of the destination that `name` breaks; empty when the name is valid. */
export function validateName(kind: DestinationKind, name: string): NameRuleViolation[] {
  const rules = NAME_RULES[kind];
  if (name === '') return [{ rule: 'empty', message: `a ${rules.label} must not be empty` }];
  const violations: NameRuleViolation[] = [];
  const chars = Array.from(name);
  const disallowed = [...new Set(chars.filter((char) => !rules.allowedCharacter.test(char)))];
  if (disallowed.length > 0) {
    violations.push({
      rule: 'allowed-characters',
      message: `a ${rules.label} may only contain ${rules.allowedCharacters}; found ${disallowed.map((char) => JSON.stringify(char)).join(', ')}`,
    });
  }
  if (chars.length > rules.maxLength) {
    violations.push({
      rule: 'max-length',
      message: `a ${rules.label} is at most ${rules.maxLength} characters; this one has ${chars.length}`,
    });
  }
  if (rules.leadingDigitPrefix !== undefined && /^[0-9]/.test(name)) {
    violations.push({ rule: 'leading-digit', message: `a ${rules.label} must not start with a digit` });
  }
  const reserved = rules.reservedPrefixes.find((prefix) => name.toUpperCase().startsWith(prefix));
  if (reserved !== undefined) {
    violations.push({ rule: 'reserved-prefix', message: `a ${rules.label} must not start with "${reserved}"` });
  }
  if (rules.avoidArnSuffix && endsLikeArnSuffix(name)) {
    violations.push({
      rule: 'arn-suffix',
      message: `a ${rules.label} must not end with "-" followed by 6 characters, which clashes with ARN suffixes`,
    });
  }
  return violations;
}

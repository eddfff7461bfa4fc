import { DestinationKind } from '../destinations/destination-kind';
import { NAME_RULES, NameRules } from './name-rules';
import { truncateSha256 } from './truncate-sha256';

const ARN_SUFFIX_LENGTH = 7;

/**
 * Bends a rendered name into the destination's character set and length (spec §5 normalisation table). The
 * result can still break a rule that cannot be repaired (empty, reserved prefix): check it with `validateName`.
 */
export function normalizeName(kind: DestinationKind, rendered: string): string {
  const rules = NAME_RULES[kind];
  let name = replaceDisallowed(rendered, rules);
  if (rules.uppercase) name = name.toUpperCase();
  if (rules.collapseReplacementRuns) name = collapseRuns(name, rules.replacement);
  if (rules.leadingDigitPrefix !== undefined && /^[0-9]/.test(name)) name = rules.leadingDigitPrefix + name;
  if (rules.avoidArnSuffix && endsLikeArnSuffix(name)) name = replaceAt(name, name.length - ARN_SUFFIX_LENGTH, rules.replacement);
  // Hashing the dropped tail keeps long names that differ only at the end distinct; it runs last so that
  // no later step can change the hash suffix (except upper-casing its hex digits).
  name = truncateSha256(name, rules.maxLength);
  return rules.uppercase ? name.toUpperCase() : name;
}

export function endsLikeArnSuffix(name: string): boolean {
  return name.length >= ARN_SUFFIX_LENGTH && name[name.length - ARN_SUFFIX_LENGTH] === '-';
}

/** Character by character (not UTF-16 unit), so an emoji becomes one replacement, not two. */
function replaceDisallowed(text: string, rules: NameRules): string {
  return Array.from(text, (char) => (rules.allowedCharacter.test(char) ? char : rules.replacement)).join('');
}

function collapseRuns(text: string, char: string): string {
  let collapsed = text;
  while (collapsed.includes(char + char)) collapsed = collapsed.split(char + char).join(char);
  return collapsed;
}

function replaceAt(text: string, index: number, char: string): string {
  return text.slice(0, index) + char + text.slice(index + 1);
}

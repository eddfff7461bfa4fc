import { constraintViolation, invalidParameter, missingMember, validationError } from './aws-sm.errors';
import { SecretValue, Tag } from './aws-sm.types';

/** Spec §1.3 limits. */
export const LIMITS = {
  nameLength: 512,
  secretIdLength: 2048,
  valueBytes: 65_536,
  descriptionLength: 2048,
  kmsKeyIdLength: 2048,
  tokenMinLength: 32,
  tokenMaxLength: 64,
  tagsPerSecret: 50,
  tagKeyLength: 128,
  tagValueLength: 256,
  versionsPerSecret: 100,
} as const;

const NAME_PATTERN = /^[A-Za-z0-9/_+=.@-]+$/;
const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const REGION_PATTERN = /^([a-z]+-)+\d+$/;

export function checkLength(field: string, value: string | undefined, min: number, max: number, sensitive = false): void {
  if (value === undefined) return;
  const shown = sensitive ? undefined : value;
  if (value.length < min) throw constraintViolation(field, `Member must have length greater than or equal to ${min}`, shown);
  if (value.length > max) throw constraintViolation(field, `Member must have length less than or equal to ${max}`, shown);
}

export function requireField<T>(field: string, value: T | undefined): T {
  if (value === undefined || value === null) throw missingMember(field);
  return value;
}

/** Spec §1.3/§1.4: 1–512 of `[A-Za-z0-9/_+=.@-]`; the message lists `!` because AWS-owned names may use it. */
export function checkSecretName(name: string): void {
  checkLength('name', name, 1, LIMITS.nameLength);
  if (!NAME_PATTERN.test(name)) {
    throw validationError('Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
  }
}

export function checkSecretId(secretId: string | undefined): string {
  const id = requireField('secretId', secretId);
  checkLength('secretId', id, 1, LIMITS.secretIdLength);
  return id;
}

export function checkClientRequestToken(token: string | undefined): void {
  checkLength('clientRequestToken', token, LIMITS.tokenMinLength, LIMITS.tokenMaxLength);
}

/** Reads the value members of a request; both at once is refused as the service does. */
export function secretValueOf(input: { SecretString?: string; SecretBinary?: string }): SecretValue | undefined {
  const { SecretString: secretString, SecretBinary: secretBinary } = input;
  if (secretString !== undefined && secretBinary !== undefined) {
    throw invalidParameter("You can't specify both a binary secret value and a string secret value in the same secret.");
  }
  if (secretString !== undefined) {
    checkValueSize('secretString', Buffer.byteLength(secretString, 'utf8'));
    return { secretString };
  }
  if (secretBinary !== undefined) {
    checkValueSize('secretBinary', Buffer.from(secretBinary, 'base64').length);
    return { secretBinary };
  }
  return undefined;
}

function checkValueSize(field: string, bytes: number): void {
  if (bytes < 1) throw constraintViolation(field, 'Member must have length greater than or equal to 1');
  if (bytes > LIMITS.valueBytes) throw constraintViolation(field, `Member must have length less than or equal to ${LIMITS.valueBytes}`);
}

export function sameValue(a: SecretValue, b: SecretValue): boolean {
  return a.secretString === b.secretString && a.secretBinary === b.secretBinary;
}

export function checkTags(tags: Tag[]): void {
  tags.forEach((tag, i) => {
    const at = `tags.${i + 1}.member`;
    checkLength(`${at}.key`, requireField(`${at}.key`, tag.Key), 1, LIMITS.tagKeyLength);
    checkLength(`${at}.value`, tag.Value ?? '', 0, LIMITS.tagValueLength);
    if (!TAG_PATTERN.test(tag.Key)) throw constraintViolation(`${at}.key`, `Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$`, tag.Key);
    if (!TAG_PATTERN.test(tag.Value ?? '')) throw constraintViolation(`${at}.value`, `Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$`, tag.Value);
    // [U] wording: the `aws:` prefix is reserved (spec §1.3).
    if (tag.Key.toLowerCase().startsWith('aws:')) throw invalidParameter('Invalid tag key: the aws: prefix is reserved for AWS use.');
  });
}

/** [U] wording: the error for more than 50 tags on one secret. */
export function checkTagCount(count: number): void {
  if (count > LIMITS.tagsPerSecret) throw invalidParameter(`A secret can't have more than ${LIMITS.tagsPerSecret} tags.`);
}

export function checkRegion(field: string, region: string): void {
  checkLength(field, region, 1, 128);
  if (!REGION_PATTERN.test(region)) throw constraintViolation(field, 'Member must satisfy regular expression pattern: ^([a-z]+-)+\\d+$', region);
}

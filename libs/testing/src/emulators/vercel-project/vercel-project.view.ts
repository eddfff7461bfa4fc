import { EnvRecord } from './vercel-project.types';

/** Whether a response may show encrypted values in clear (get-one, or list with `decrypt=true`). */
export type Disclosure = 'decrypted' | 'sealed';

/** A record as the API returns it; value visibility follows spec §5.1. */
export function renderEnv(record: EnvRecord, disclosure: Disclosure) {
  const { id, key, type, target, gitBranch, comment, customEnvironmentIds, createdAt, updatedAt, createdBy, updatedBy } = record;
  const hidden = type === 'encrypted' || type === 'secret';
  const decrypted = hidden && disclosure === 'decrypted';
  // Sensitive values are write-only: no form of the value is ever returned.
  const value = type === 'sensitive' ? {} : { value: hidden && !decrypted ? record.ciphertext : record.value };
  return {
    id,
    key,
    ...value,
    type,
    target,
    ...(gitBranch === undefined ? {} : { gitBranch }),
    configurationId: null,
    comment,
    customEnvironmentIds,
    createdAt,
    updatedAt,
    createdBy,
    updatedBy,
    decrypted,
  };
}

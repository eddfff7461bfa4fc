import { randomBytes, randomUUID } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlphanumeric(length: number): string {
  return [...randomBytes(length)].map((byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
}

/** A service token as Vault ≥1.10 issues them: `hvs.` and 24 base62 characters. */
export const newServiceToken = (): string => `hvs.${randomAlphanumeric(24)}`;

export const newTokenAccessor = (): string => randomAlphanumeric(24);

/** Mount accessors are `<type>_<8 hex>`, e.g. `kv_3fa85f64` (spec vault-change-capture §2.3). */
export const newMountAccessor = (prefix: string): string => `${prefix}_${randomBytes(4).toString('hex')}`;

export const newUuid = (): string => randomUUID();

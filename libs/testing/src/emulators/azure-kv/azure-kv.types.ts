import { EmulatorOptions } from '../core/control';

/** The service principal the token authority knows (spec §2.1, client-credentials flow). */
export interface AzureIdentity {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export interface AzureKvEmulatorOptions extends EmulatorOptions, Partial<AzureIdentity> {
  /** `expires_in` of issued access tokens; AAD's usual 3599 by default. */
  tokenLifetimeSeconds?: number;
  /** Soft-delete retention (7–90, Azure's default 90): `recoverableDays` and the scheduled purge date. */
  retentionDays?: number;
  /** How long a delete stays in progress (GET /deletedsecrets answers 404, the name answers 409); 0 by default. */
  deletionDelayMs?: number;
  /** How long a recover stays in progress (GET /secrets answers 404, PUT answers 409 ObjectIsBeingRecovered); 0 by default. */
  recoveryDelayMs?: number;
  /** How long a purged name still answers PUT with 409 (spec §2.3: 1–5 s in Azure); 0 by default. */
  purgeDelayMs?: number;
}

/** One version of a secret as the store keeps it; timestamps in Unix seconds. */
export interface StoredSecretVersion {
  version: string;
  value: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled: boolean;
  nbf?: number;
  exp?: number;
  created: number;
  updated: number;
}

export interface StoredSecret {
  /** The name as first written; lookups ignore case, as Key Vault does. */
  name: string;
  /** In creation order; the last one is the current version. */
  versions: StoredSecretVersion[];
  /** Set while the secret is soft-deleted. */
  deletion?: { deletedDate: number; scheduledPurgeDate: number };
  /** A delete or recover is in progress until this instant (emulator clock, ms). */
  settlesAtMs: number;
}

/** What a PUT (set) may carry besides the value. */
export interface SecretWrite {
  value: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled?: boolean;
  nbf?: number;
  exp?: number;
}

/** What a PATCH (update properties) may change; absent members stay as they are. */
export type SecretPropertiesUpdate = Partial<Omit<SecretWrite, 'value'>>;

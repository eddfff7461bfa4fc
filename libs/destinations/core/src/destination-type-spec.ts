import { Destination, DestinationKind } from '@vault-sync/domain';
import { z } from 'zod';

/** A check a changed field must pass on update, beyond plain immutability (e.g. AWS `role_arn`: same account only). */
export interface UpdateRule {
  readonly field: string;
  /** Completes the error message `<field>: <rule>`. */
  readonly rule: string;
  /** Called only when the stored and the requested value differ. */
  readonly allows: (stored: unknown, requested: unknown) => boolean;
}

/**
 * What the generic create / update / read operations need to know about one destination type, as data. Each
 * kind's library exports one; `@vault-sync/destinations-registry` maps every kind to its spec.
 */
export interface DestinationTypeSpec {
  readonly kind: DestinationKind;
  /** The destination's product name, for messages. */
  readonly displayName: string;
  /**
   * The type's own fields under their wire names, credentials included, with cross-field rules as refinements.
   * Strict: an unknown field is refused. The common fields of spec §4.6 are parsed separately.
   */
  readonly fieldsSchema: z.ZodType<Record<string, unknown>>;
  /** Write-only fields: stored encrypted, masked on read (spec §3.4). */
  readonly credentialFields: readonly string[];
  /** Fields that cannot change after creation (spec §3.5). */
  readonly immutableFields: readonly string[];
  readonly updateRules: readonly UpdateRule[];
  /** Cloud types have tags and accept `custom_tags`; gh and vercel-project do not. */
  readonly supportsCustomTags: boolean;
  /** Accepted for compatibility with older clients, then dropped. */
  readonly ignoredFields: readonly string[];
  /** Fields the read shape nests inside an object of `connection_details`: field → that object's name. */
  readonly nestedReadFields: Readonly<Record<string, string>>;
}

/** What a create or update produces: the destination to store (the store adds timestamps). */
export type DestinationInput = Pick<Destination, 'type' | 'name' | 'connection' | 'credentials' | 'options'>;

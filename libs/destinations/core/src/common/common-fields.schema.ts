import { GRANULARITIES } from '@vault-sync/domain';
import { z } from 'zod';
import { booleanField } from '../fields/boolean.field';
import { choiceField } from '../fields/choice.field';
import { integerField } from '../fields/integer.field';
import { keyValuePairsField } from '../fields/key-value-pairs.field';
import { listField } from '../fields/list.field';

const ipv4 = z.union([z.cidrv4(), z.ipv4()], { error: 'must list IPv4 addresses or CIDR blocks' });
const ipv6 = z.union([z.cidrv6(), z.ipv6()], { error: 'must list IPv6 addresses or CIDR blocks' });

/** The SSRF fields of spec §4.6; the read shape shows them under `options` (spec §3.4 recommendation). */
export const NETWORKING_FIELDS = [
  'disable_strict_networking',
  'allowed_ipv4_addresses',
  'allowed_ipv6_addresses',
  'allowed_ports',
] as const;

/** Fields every destination type accepts (spec §4.6, plus `adopt_existing` of spec §9). */
export const commonFieldsSchema = z.object({
  granularity: choiceField(GRANULARITIES),
  secret_name_template: z.string().optional(),
  custom_tags: keyValuePairsField(z.string().min(1, 'tag keys must not be empty')).optional(),
  // PATCH only; create and update accept and ignore it (spec §3.5).
  tags_to_remove: listField(z.string().min(1, 'must not list an empty tag key')).optional(),
  disable_strict_networking: booleanField.default(false),
  allowed_ipv4_addresses: listField(ipv4).optional(),
  allowed_ipv6_addresses: listField(ipv6).optional(),
  // OpenAPI types the items as strings, so digit strings are accepted as well as numbers (spec §4.6).
  allowed_ports: listField(integerField(1, 65535)).optional(),
  // Only meaningful on DELETE; they appear in Vault's write schema, so they are accepted and dropped.
  purge: booleanField.optional(),
  force_delete: booleanField.optional(),
  adopt_existing: booleanField.default(false),
});

export const COMMON_FIELDS: readonly string[] = Object.keys(commonFieldsSchema.shape);

export type CommonFields = z.output<typeof commonFieldsSchema>;

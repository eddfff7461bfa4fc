import { DEFAULT_TEMPLATES, Destination } from '@vault-sync/domain';
import { DestinationTypeSpec } from '../destination-type-spec';
import { RequestFields } from './request-body';

/** A stored destination as the write body that would recreate it: what an update applies its changes to. */
export function storedFields(spec: DestinationTypeSpec, existing: Destination): RequestFields {
  const { granularity, secretNameTemplate, customTags, adoptExisting } = existing.options;
  return {
    ...existing.connection,
    ...existing.credentials,
    granularity,
    // The type default is stored as the effective template; leaving it out lets a granularity change bring the
    // other granularity's default along instead of failing the `.SecretKey` check [I].
    ...(secretNameTemplate === DEFAULT_TEMPLATES[spec.kind][granularity] ? {} : { secret_name_template: secretNameTemplate }),
    ...(spec.supportsCustomTags ? { custom_tags: customTags } : {}),
    adopt_existing: adoptExisting,
  };
}

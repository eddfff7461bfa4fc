import { DestinationKind, Granularity } from '../destinations/destination-kind';

const GH_PATH_TEMPLATE = 'VAULT_{{ .MountAccessor | uppercase }}_{{ .SecretPath | uppercase }}';
const GH_KEY_TEMPLATE = `${GH_PATH_TEMPLATE}_{{ .SecretKey | uppercase }}`;

/**
 * The template used when a destination sets none ("" means the type default, spec §4.6). Documented defaults are
 * aws-sm, azure-kv (secret-path) and gh (secret-key). Our decisions for the rest [I]:
 * - secret-key on aws-sm, azure-kv and gcp-sm appends the key with the kind's own separator;
 * - gcp-sm uses §4.3's recommendation, because GCP forbids the `/` of the documented `vault/kv_1234/my-secret`;
 * - gh under secret-path is the documented template without the key part (§4.4);
 * - vercel-project reuses the gh templates, as §4.5 recommends.
 */
export const DEFAULT_TEMPLATES: Readonly<Record<DestinationKind, Readonly<Record<Granularity, string>>>> = {
  'aws-sm': {
    'secret-path': 'vault/{{ .MountAccessor }}/{{ .SecretPath }}',
    'secret-key': 'vault/{{ .MountAccessor }}/{{ .SecretPath }}/{{ .SecretKey }}',
  },
  'azure-kv': {
    'secret-path': 'vault-{{ .MountAccessor | replace "_" "-" }}-{{ .SecretPath }}',
    'secret-key': 'vault-{{ .MountAccessor | replace "_" "-" }}-{{ .SecretPath }}-{{ .SecretKey }}',
  },
  'gcp-sm': {
    'secret-path': 'vault_{{ .MountAccessor }}_{{ .SecretPath | replace "/" "_" }}',
    'secret-key': 'vault_{{ .MountAccessor }}_{{ .SecretPath | replace "/" "_" }}_{{ .SecretKey }}',
  },
  gh: { 'secret-path': GH_PATH_TEMPLATE, 'secret-key': GH_KEY_TEMPLATE },
  'vercel-project': { 'secret-path': GH_PATH_TEMPLATE, 'secret-key': GH_KEY_TEMPLATE },
};

/** The template in force: the configured one, or the type default when none (or "") is configured. */
export function effectiveTemplateSource(kind: DestinationKind, granularity: Granularity, configured?: string): string {
  return configured === undefined || configured === '' ? DEFAULT_TEMPLATES[kind][granularity] : configured;
}

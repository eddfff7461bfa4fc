export const DESTINATION_KINDS = ['aws-sm', 'azure-kv', 'gcp-sm', 'gh', 'vercel-project'] as const;

export type DestinationKind = (typeof DESTINATION_KINDS)[number];

export function isDestinationKind(value: string): value is DestinationKind {
  return (DESTINATION_KINDS as readonly string[]).includes(value);
}

export const GRANULARITIES = ['secret-path', 'secret-key'] as const;

export type Granularity = (typeof GRANULARITIES)[number];

/** Vault's default granularity per destination type (spec §4): single-value stores of env vars default to per-key. */
export const DEFAULT_GRANULARITY: Record<DestinationKind, Granularity> = {
  'aws-sm': 'secret-path',
  'azure-kv': 'secret-path',
  'gcp-sm': 'secret-path',
  gh: 'secret-key',
  'vercel-project': 'secret-key',
};

import { DestinationKind } from '../destinations/destination-kind';

/** Which naming rule a name breaks; stable ids for messages and tests. */
export type NameRuleId = 'empty' | 'allowed-characters' | 'max-length' | 'leading-digit' | 'reserved-prefix' | 'arn-suffix';

/** How one destination names its secrets, and how we bend a rendered name to fit (spec §4, §5, destination-protocols.md). */
export interface NameRules {
  /** What the destination calls the name, for messages. */
  readonly label: string;
  /** Matches one character the destination accepts. */
  readonly allowedCharacter: RegExp;
  /** The same set, for people. */
  readonly allowedCharacters: string;
  /** Stands in for every character outside the allowed set. */
  readonly replacement: string;
  /** Azure: runs of the replacement collapse into one, so `a--b` and `a/b` both become `a-b`. */
  readonly collapseReplacementRuns: boolean;
  /** GitHub stores names upper-cased; Vercel names are kept upper-case by convention. */
  readonly uppercase: boolean;
  /** The destination treats names that differ only in case as one name. */
  readonly caseInsensitive: boolean;
  readonly maxLength: number;
  /** When set, a name must not start with a digit; normalisation puts this in front. */
  readonly leadingDigitPrefix?: string;
  /** Upper-case prefixes the destination refuses; normalisation cannot repair these. */
  readonly reservedPrefixes: readonly string[];
  /** AWS: a name ending in `-` plus 6 characters is confused with the random suffix of a partial ARN. */
  readonly avoidArnSuffix: boolean;
}

const ENVIRONMENT_VARIABLE_STYLE = {
  allowedCharacter: /[A-Za-z0-9_]/,
  allowedCharacters: 'A-Z a-z 0-9 _',
  replacement: '_',
  collapseReplacementRuns: false,
  uppercase: true,
  // Neither GitHub nor Vercel documents a name length limit; 255 is our own cap [I].
  maxLength: 255,
  leadingDigitPrefix: '_',
  avoidArnSuffix: false,
} as const;

export const NAME_RULES: Readonly<Record<DestinationKind, NameRules>> = {
  'aws-sm': {
    label: 'AWS Secrets Manager secret name',
    allowedCharacter: /[A-Za-z0-9/_+=.@-]/,
    allowedCharacters: 'A-Z a-z 0-9 / _ + = . @ -',
    replacement: '_',
    collapseReplacementRuns: false,
    uppercase: false,
    caseInsensitive: false,
    maxLength: 512,
    reservedPrefixes: [],
    avoidArnSuffix: true,
  },
  'azure-kv': {
    label: 'Azure Key Vault secret name',
    allowedCharacter: /[A-Za-z0-9-]/,
    allowedCharacters: 'A-Z a-z 0-9 -',
    replacement: '-',
    collapseReplacementRuns: true,
    uppercase: false,
    caseInsensitive: true,
    maxLength: 127,
    reservedPrefixes: [],
    avoidArnSuffix: false,
  },
  'gcp-sm': {
    label: 'GCP Secret Manager secret ID',
    allowedCharacter: /[A-Za-z0-9_-]/,
    allowedCharacters: 'A-Z a-z 0-9 _ -',
    replacement: '_',
    collapseReplacementRuns: false,
    uppercase: false,
    caseInsensitive: false,
    maxLength: 255,
    reservedPrefixes: [],
    avoidArnSuffix: false,
  },
  gh: {
    ...ENVIRONMENT_VARIABLE_STYLE,
    label: 'GitHub Actions secret name',
    caseInsensitive: true,
    reservedPrefixes: ['GITHUB_'],
  },
  'vercel-project': {
    ...ENVIRONMENT_VARIABLE_STYLE,
    label: 'Vercel environment variable name',
    caseInsensitive: false,
    reservedPrefixes: [],
  },
};

/** The form under which the destination tells two names apart: equal forms address the same external secret. */
export function comparableName(kind: DestinationKind, name: string): string {
  return NAME_RULES[kind].caseInsensitive ? name.toUpperCase() : name;
}

/** Vercel project environment variables as the emulator holds them (spec §5.1). */

export const ENV_TYPES = ['plain', 'encrypted', 'sensitive', 'system', 'secret'] as const;
export type EnvType = (typeof ENV_TYPES)[number];

export const ENV_TARGETS = ['production', 'preview', 'development'] as const;
export type EnvTarget = (typeof ENV_TARGETS)[number];

/** Where a variable applies; two records with the same key may not share any part of it. */
export interface EnvScope {
  target: EnvTarget[];
  gitBranch?: string;
  customEnvironmentIds: string[];
}

/** The writable fields of a variable, after validation. */
export interface EnvFields extends EnvScope {
  key: string;
  value: string;
  type: EnvType;
  comment: string;
}

export interface EnvRecord extends EnvFields {
  id: string;
  projectId: string;
  /** What list calls show for encrypted values: the value sealed with the emulator's own key. */
  ciphertext: string;
  createdAt: number;
  updatedAt: number;
  createdBy: string;
  updatedBy: string;
}

export interface TokenSeed {
  token: string;
  /** Teams the token may act for (`?teamId=` / `?slug=`). */
  teamIds?: string[];
  /** Reported as `createdBy` / `updatedBy`; generated when omitted. */
  userId?: string;
}

export interface TeamSeed {
  id: string;
  slug?: string;
}

export interface ProjectSeed {
  /** Generated (`prj_…`) when omitted. */
  id?: string;
  name: string;
  /** Owning team; a personal project when omitted. */
  teamId?: string;
}

/** What tests (options or `POST /__emulator/seed`) put in before driving the API. */
export interface VercelSeed {
  tokens?: TokenSeed[];
  teams?: TeamSeed[];
  projects?: ProjectSeed[];
}

export interface Project {
  id: string;
  name: string;
  teamId?: string;
}

export interface Caller {
  userId: string;
  teamIds: string[];
}

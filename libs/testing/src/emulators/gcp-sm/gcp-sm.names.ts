import { malformedName } from './gcp-sm.errors';

export interface ParentRef {
  project: string;
  /** Set for regional secrets (`projects/p/locations/l/...`). */
  location?: string;
}

export interface SecretRef extends ParentRef {
  secretId: string;
}

export interface VersionRef extends SecretRef {
  /** `latest`, a version number, or a version alias. */
  version: string;
}

export const SECRET_ID_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;
const VERSION_PATTERN = /^[A-Za-z0-9_-]{1,63}$/;
const PARENT = /^projects\/([^/]+)(?:\/locations\/([^/]+))?$/;
const SECRET = /^projects\/([^/]+)(?:\/locations\/([^/]+))?\/secrets\/([^/]+)$/;
const VERSION = /^projects\/([^/]+)(?:\/locations\/([^/]+))?\/secrets\/([^/]+)\/versions\/([^/]+)$/;

/** The format the service quotes back for a malformed name, regional when the name looks regional. */
function formatFor(value: string, tail: string): string {
  return value.includes('/locations/') ? `projects/*/locations/*${tail}` : `projects/*${tail}`;
}

const refOf = (project: string, location: string | undefined): ParentRef => (location === undefined ? { project } : { project, location });

export function parseParent(value: string): ParentRef {
  const found = PARENT.exec(value);
  if (!found) throw malformedName('Parent', value, formatFor(value, ''));
  return refOf(found[1], found[2]);
}

export function parseSecretName(value: string): SecretRef {
  const found = SECRET.exec(value);
  if (!found || !SECRET_ID_PATTERN.test(found[3])) throw malformedName('Secret ID', value, formatFor(value, '/secrets/*'));
  return { ...refOf(found[1], found[2]), secretId: found[3] };
}

export function parseVersionName(value: string): VersionRef {
  const found = VERSION.exec(value);
  if (!found || !SECRET_ID_PATTERN.test(found[3]) || !VERSION_PATTERN.test(found[4])) {
    throw malformedName('Secret ID', value, formatFor(value, '/secrets/*/versions/*'));
  }
  return { ...refOf(found[1], found[2]), secretId: found[3], version: found[4] };
}

/** Checks the `secret_id` of a create: letters, digits, `_` and `-`, at most 255 (spec §3.2). */
export function checkSecretId(secretId: string): void {
  if (!SECRET_ID_PATTERN.test(secretId)) throw malformedName('Secret ID', secretId, '[a-zA-Z_0-9-]{1,255}');
}

export function parentName(ref: ParentRef): string {
  return ref.location === undefined ? `projects/${ref.project}` : `projects/${ref.project}/locations/${ref.location}`;
}

export function secretName(ref: SecretRef): string {
  return `${parentName(ref)}/secrets/${ref.secretId}`;
}

export function versionName(secret: string, id: number | string): string {
  return `${secret}/versions/${id}`;
}

/** The project named by the first resource field of a request, for quota messages. */
export function projectOfRequest(request: unknown): string | undefined {
  const fields = request as { parent?: unknown; name?: unknown; resource?: unknown; secret?: { name?: unknown } };
  for (const value of [fields.parent, fields.name, fields.resource, fields.secret?.name]) {
    const found = typeof value === 'string' ? /^projects\/([^/]+)/.exec(value) : null;
    if (found) return found[1];
  }
  return undefined;
}

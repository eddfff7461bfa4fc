import { protos } from '@google-cloud/secret-manager';
import { ExistingObject } from '@vault-sync/domain';
import { marksFromAnnotations, SecretMetadata } from './gcp-sm-metadata';

export type SecretMessage = protos.google.cloud.secretmanager.v1.ISecret;

/** What GetSecret told about a secret that the write and remove flows need besides the port's fields. */
export interface GcpSecretDetails extends SecretMetadata {
  /** The resource name as the service gives it (with the project number). */
  resourceName: string;
  /** Guards UpdateSecret and DeleteSecret against changes made since the inspect. */
  etag?: string;
}

/**
 * The port's view of a secret, carrying the details along so that a write or remove right after an inspect
 * needs no second GetSecret. An ExistingObject built elsewhere (without them) makes the adapter get the secret.
 */
export interface GcpExistingSecret extends ExistingObject {
  gcp: GcpSecretDetails;
}

export function existingSecretOf(name: string, secret: SecretMessage): GcpExistingSecret {
  const annotations = { ...(secret.annotations ?? {}) };
  const resourceName = secret.name ?? '';
  return {
    name,
    externalId: resourceName,
    marks: marksFromAnnotations(annotations),
    // Deletion is immediate and permanent (spec §3.2): nothing is ever pending.
    pendingDeletion: false,
    gcp: { resourceName, labels: { ...(secret.labels ?? {}) }, annotations, ...(secret.etag ? { etag: secret.etag } : {}) },
  };
}

export function detailsOf(existing: ExistingObject): GcpSecretDetails | undefined {
  return (existing as Partial<GcpExistingSecret>).gcp;
}

import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { carriesMarks, ClientSideError, DesiredObject, DestinationAdapter, ErrorCode, ExistingObject, ExternalServiceError, WriteOutcome } from '@vault-sync/domain';
import { CALL_OPTIONS } from './gcp-sm-client';
import { crc32c } from './gcp-sm-crc32c';
import { grpcCodeOf, throwGcpError } from './gcp-sm-errors';
import { desiredMetadata, metadataUpdate } from './gcp-sm-metadata';
import { detailsOf, existingSecretOf, GcpExistingSecret, GcpSecretDetails } from './gcp-sm-secret';
import { GcpSmSettings } from './gcp-sm-settings';

/** The secret changed between our inspect and our call: the runtime re-inspects and decides ownership again. */
const CONFLICT_RETRY_AFTER_MS = 1_000;

function changedMeanwhile(secret: string, cause: unknown): ExternalServiceError {
  return new ExternalServiceError(ErrorCode.ConcurrentModification, `secret ${secret} changed while it was being written`, {
    retryAfterMs: CONFLICT_RETRY_AFTER_MS,
    cause,
  });
}

/**
 * One gcp-sm destination: global secrets in its project (spec destination-protocols §3). A value is a new
 * version (AddSecretVersion); a new secret is CreateSecret with the destination's replication, labels and
 * annotations, then its first version. Older versions are kept, as Vault keeps them.
 */
export class GcpSecretManagerAdapter implements DestinationAdapter {
  private projectId?: Promise<string>;

  constructor(
    private readonly settings: GcpSmSettings,
    private readonly client: SecretManagerServiceClient,
  ) {}

  async inspect(name: string): Promise<GcpExistingSecret | undefined> {
    const secretName = `${await this.parent()}/secrets/${name}`;
    try {
      const [secret] = await this.client.getSecret({ name: secretName }, CALL_OPTIONS);
      return existingSecretOf(name, secret);
    } catch (error) {
      if (grpcCodeOf(error) === GrpcStatus.NOT_FOUND) return undefined;
      throwGcpError(error, { operation: 'GetSecret', target: secretName });
    }
  }

  async write(object: DesiredObject, existing: ExistingObject | undefined): Promise<WriteOutcome> {
    return existing === undefined ? this.create(object) : this.update(object, existing);
  }

  async remove(existing: ExistingObject): Promise<void> {
    const details = await this.currentDetails(existing);
    if (details === undefined) return;
    try {
      // With the etag, a secret changed since the ownership check (re-marked by someone else) is not deleted.
      await this.client.deleteSecret({ name: details.resourceName, ...(details.etag ? { etag: details.etag } : {}) }, CALL_OPTIONS);
    } catch (error) {
      const code = grpcCodeOf(error);
      if (code === GrpcStatus.NOT_FOUND) return;
      if (code === GrpcStatus.FAILED_PRECONDITION && details.etag) throw changedMeanwhile(details.resourceName, error);
      throwGcpError(error, { operation: 'DeleteSecret', target: details.resourceName });
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async create(object: DesiredObject): Promise<WriteOutcome> {
    const parent = await this.parent();
    const { labels, annotations } = desiredMetadata(object);
    let resourceName: string;
    try {
      const [secret] = await this.client.createSecret(
        { parent, secretId: object.name, secret: { replication: this.settings.replication, labels, annotations } },
        CALL_OPTIONS,
      );
      resourceName = secret.name ?? `${parent}/secrets/${object.name}`;
    } catch (error) {
      if (grpcCodeOf(error) !== GrpcStatus.ALREADY_EXISTS) throwGcpError(error, { operation: 'CreateSecret', target: `${parent}/secrets/${object.name}` });
      return this.afterCreateConflict(object, error);
    }
    // Creating a secret stores no value. Should this fail, the retry finds the secret with our marks and adds it.
    if (!(await this.addVersion(object, resourceName))) throw changedMeanwhile(resourceName, undefined);
    return { externalId: resourceName, created: true };
  }

  /**
   * CreateSecret found the ID taken although inspect saw it free. A secret carrying exactly our marks (a
   * concurrent writer of ours, or our own create whose answer was lost) is updated; anything else is left for
   * the runtime to re-inspect and judge.
   */
  private async afterCreateConflict(object: DesiredObject, createError: unknown): Promise<WriteOutcome> {
    const found = await this.inspect(object.name);
    if (found !== undefined && carriesMarks(found.marks, object.marks)) return this.update(object, found);
    throw changedMeanwhile(object.name, createError);
  }

  /**
   * Metadata before the value: an adopted secret carries our marks before it carries our value, so a failure in
   * between leaves a secret the retry recognises as ours rather than a foreign one holding our value.
   */
  private async update(object: DesiredObject, existing: ExistingObject): Promise<WriteOutcome> {
    const details = await this.currentDetails(existing);
    if (details === undefined) return this.create(object);
    if (!(await this.applyMetadata(object, details)) || !(await this.addVersion(object, details.resourceName))) return this.create(object);
    return { externalId: details.resourceName, created: false };
  }

  /** Labels (custom tags) and our annotations, when they differ; false when the secret is gone. */
  private async applyMetadata(object: DesiredObject, details: GcpSecretDetails): Promise<boolean> {
    const change = metadataUpdate(details, desiredMetadata(object));
    if (change === undefined) return true;
    try {
      await this.client.updateSecret(
        {
          secret: { name: details.resourceName, labels: change.labels, annotations: change.annotations, ...(details.etag ? { etag: details.etag } : {}) },
          updateMask: { paths: ['labels', 'annotations'] },
        },
        CALL_OPTIONS,
      );
      return true;
    } catch (error) {
      const code = grpcCodeOf(error);
      if (code === GrpcStatus.NOT_FOUND) return false;
      if (code === GrpcStatus.FAILED_PRECONDITION && details.etag) throw changedMeanwhile(details.resourceName, error);
      throwGcpError(error, { operation: 'UpdateSecret', target: details.resourceName });
    }
  }

  /** The value as a new ENABLED version, with its CRC32C so the service rejects a corrupted payload; false: gone. */
  private async addVersion(object: DesiredObject, resourceName: string): Promise<boolean> {
    const data = Buffer.from(object.value, 'utf8');
    try {
      await this.client.addSecretVersion({ parent: resourceName, payload: { data, dataCrc32c: crc32c(data) } }, CALL_OPTIONS);
      return true;
    } catch (error) {
      if (grpcCodeOf(error) === GrpcStatus.NOT_FOUND) return false;
      throwGcpError(error, { operation: 'AddSecretVersion', target: resourceName, redact: [object.value] });
    }
  }

  private async currentDetails(existing: ExistingObject): Promise<GcpSecretDetails | undefined> {
    const details = detailsOf(existing);
    if (details !== undefined) return details;
    const current = await this.inspect(existing.name);
    return current?.gcp;
  }

  /** `projects/<id>`: the destination's project, else the one Application Default Credentials name (asked once). */
  private async parent(): Promise<string> {
    if (this.settings.usesWorkloadIdentity) {
      throw new ClientSideError(ErrorCode.InvalidConfiguration, 'workload identity federation (identity_token_audience) is not supported by the gcp-sm worker yet');
    }
    if (this.settings.projectId !== undefined) return `projects/${this.settings.projectId}`;
    this.projectId ??= this.client.getProjectId().catch((error: unknown) => {
      this.projectId = undefined;
      throwGcpError(error, { operation: 'getProjectId', target: 'Application Default Credentials' });
    });
    return `projects/${await this.projectId}`;
  }
}

import { carriesMarks, DesiredObject, DestinationAdapter, ErrorCode, ExistingObject, ExternalServiceError, WriteOutcome } from '@vault-sync/domain';
import { commentFor } from './vercel-comment';
import { EnvEntry, VercelEnv, VercelEnvApi } from './vercel-env-api';
import { throwVercelError, VercelCallContext } from './vercel-errors';
import { VercelExistingEnv, existingEnvOf, holdsKeyIn, recordsOf } from './vercel-existing-env';
import { vercelErrorCode, vercelStatus } from './vercel-http-error';
import { VercelProjectSettings } from './vercel-settings';

/** A key taken by another writer between our inspect and create: the runtime re-inspects and decides ownership. */
const CONFLICT_RETRY_AFTER_MS = 1_000;
/** Vercel's answers to a create whose key and target clash with an existing record (spec §5.2). */
const CLASH_CODES = new Set(['ENV_ALREADY_EXISTS', 'ENV_CONFLICT']);
/**
 * One vercel-project destination: one env record per external name, holding the destination's targets, of its
 * type, with our ownership marks in `comment` (spec §5, §9). Created by POST, updated by PATCH on the id found by
 * listing (which also moves the record to changed targets, where an upsert would answer ENV_CONFLICT), deleted by id.
 */
export class VercelProjectAdapter implements DestinationAdapter {
  constructor(
    private readonly settings: VercelProjectSettings,
    private readonly api: VercelEnvApi,
  ) {}

  async inspect(name: string): Promise<VercelExistingEnv | undefined> {
    const envs = await this.call({ operation: 'filterProjectEnvs', target: `project ${this.settings.projectId}` }, () => this.api.list());
    return existingEnvOf(
      name,
      envs.filter((env) => holdsKeyIn(env, name, this.settings.targets)),
    );
  }

  async write(object: DesiredObject, existing: ExistingObject | undefined): Promise<WriteOutcome> {
    const records = existing === undefined ? [] : await this.currentRecords(existing);
    return records.length === 0 ? this.create(object) : this.update(object, records);
  }

  async remove(existing: ExistingObject): Promise<void> {
    for (const record of await this.currentRecords(existing)) await this.removeRecord(record);
  }

  async close(): Promise<void> {
    // fetch keeps no client of ours open.
  }

  private entryFor(object: DesiredObject): EnvEntry {
    return { key: object.name, value: object.value, type: this.settings.envVarType, target: this.settings.targets, comment: commentFor(object.marks) };
  }

  private async create(object: DesiredObject): Promise<WriteOutcome> {
    try {
      const env = await this.api.create(this.entryFor(object));
      return { externalId: env.id, created: true };
    } catch (error) {
      if (!CLASH_CODES.has(vercelErrorCode(error) ?? '')) throwVercelError(error, { operation: 'createProjectEnv', target: object.name, redact: [object.value] });
      return this.afterCreateClash(object, error);
    }
  }

  /**
   * The create clashed although inspect saw the key free in our targets. A record carrying exactly our marks (a
   * concurrent writer of ours) is updated; anything else is left for the runtime to re-inspect and judge.
   */
  private async afterCreateClash(object: DesiredObject, clash: unknown): Promise<WriteOutcome> {
    const found = await this.inspect(object.name);
    if (found !== undefined && carriesMarks(found.marks, object.marks)) return this.update(object, found.vercel.records);
    throw new ExternalServiceError(ErrorCode.ConcurrentModification, `environment variable ${object.name} changed while it was being created`, {
      retryAfterMs: CONFLICT_RETRY_AFTER_MS,
      cause: clash,
    });
  }

  /**
   * The runtime judged the records ours (or adopted them): one record keeps the key for all our targets, the
   * others in our targets are removed, since they would clash with it.
   */
  private async update(object: DesiredObject, [primary, ...extras]: VercelEnv[]): Promise<WriteOutcome> {
    for (const extra of extras) await this.removeRecord(extra);
    // Vercel refuses to turn a sensitive variable into a readable type (its value must stay unreadable): replace it.
    if (primary.type === 'sensitive' && this.settings.envVarType !== 'sensitive') {
      await this.removeRecord(primary);
      return this.create(object);
    }
    try {
      const env = await this.api.edit(primary.id, this.entryFor(object));
      return { externalId: env.id, created: false };
    } catch (error) {
      if (vercelStatus(error) === 404) return this.create(object);
      throwVercelError(error, { operation: 'editProjectEnv', target: object.name, redact: [object.value] });
    }
  }

  /** A record that is already gone is success. */
  private async removeRecord(record: VercelEnv): Promise<void> {
    try {
      await this.api.remove(record.id);
    } catch (error) {
      if (vercelStatus(error) !== 404) throwVercelError(error, { operation: 'removeProjectEnv', target: `${record.key} (id ${record.id})` });
    }
  }

  private async currentRecords(existing: ExistingObject): Promise<VercelEnv[]> {
    return recordsOf(existing) ?? (await this.inspect(existing.name))?.vercel.records ?? [];
  }

  private async call<T>(context: VercelCallContext, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throwVercelError(error, context);
    }
  }
}

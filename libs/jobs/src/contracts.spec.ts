import { z } from 'zod';
import { DESTINATION_KINDS } from '@vault-sync/domain';
import { JobName, JobPayloads, PayloadOf, SYNC_QUEUES, associationJobId, parsePayload } from './contracts';

const association = { destination: { type: 'gh', name: 'ci-repo' }, mountAccessor: 'kv_1a2b3c4d', secretPath: 'ci/tokens' } as const;

/** Every property name anywhere in a payload type. */
type DeepKeys<T> = T extends object ? { [K in keyof T]-?: K | DeepKeys<T[K]> }[keyof T] : never;
type AnyPayloadKey = DeepKeys<PayloadOf<JobName>>;
type ForbiddenKey = Extract<AnyPayloadKey, 'value' | 'values' | 'data' | 'secret' | 'secretValue' | 'credentials' | 'token' | 'password'>;
// Compile-time guard: adding a value-carrying field to any payload type breaks `npm run typecheck`.
const noValueFields: [ForbiddenKey] extends [never] ? true : false = true;

function shapeKeys(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, child]) => [key, ...shapeKeys(child)]);
  }
  if (schema instanceof z.ZodOptional) return shapeKeys(schema.unwrap() as z.ZodType);
  return [];
}

describe('job contracts', () => {
  it('has one queue per destination kind, named sync-<kind>', () => {
    expect(Object.keys(SYNC_QUEUES).sort()).toEqual([...DESTINATION_KINDS].sort());
    for (const kind of DESTINATION_KINDS) expect(SYNC_QUEUES[kind]).toBe(`sync-${kind}`);
  });

  it('has a payload schema for every job name', () => {
    expect(Object.keys(JobPayloads).sort()).toEqual(Object.values(JobName).sort());
  });

  it('carries only references and versions: no field of any payload can hold a value or credential', () => {
    expect(noValueFields).toBe(true);
    const allowed = new Set(['association', 'destination', 'type', 'name', 'mountAccessor', 'secretPath', 'generation', 'observedVersion', 'removeAssociation', 'trigger']);
    for (const schema of Object.values(JobPayloads)) {
      for (const key of shapeKeys(schema)) expect(allowed).toContain(key);
    }
  });

  it('rejects a payload smuggling a value, at any depth', () => {
    expect(() =>
      parsePayload(JobName.SyncAssociation, { association, generation: 1, trigger: 'api', value: 's3cr3t' }),
    ).toThrow(/unrecognized key/i);
    expect(() =>
      parsePayload(JobName.SyncAssociation, {
        association: { ...association, data: { password: 'x' } },
        generation: 1,
        trigger: 'api',
      }),
    ).toThrow(/unrecognized key/i);
  });

  it('accepts well-formed payloads and rejects malformed ones', () => {
    expect(parsePayload(JobName.SyncAssociation, { association, generation: 3, observedVersion: 7, trigger: 'audit-device' })).toEqual({
      association,
      generation: 3,
      observedVersion: 7,
      trigger: 'audit-device',
    });
    expect(parsePayload(JobName.UnsyncAssociation, { association, generation: 0, removeAssociation: true, trigger: 'api' }).removeAssociation).toBe(true);
    expect(() => parsePayload(JobName.SyncAssociation, { association, generation: -1, trigger: 'api' })).toThrow();
    expect(() => parsePayload(JobName.SyncAssociation, { association, generation: 1, trigger: 'cron' })).toThrow();
    expect(() => parsePayload(JobName.PurgeDestination, { destination: { type: 'in-mem', name: 'x' } })).toThrow();
  });

  it('derives stable, colon-free job ids distinct per operation and association', () => {
    const id = associationJobId('sync', association);
    expect(id).toMatch(/^sync-[0-9a-f]{32}$/);
    expect(associationJobId('sync', { ...association })).toBe(id);
    expect(associationJobId('unsync', association)).toMatch(/^unsync-[0-9a-f]{32}$/);
    expect(associationJobId('sync', { ...association, secretPath: 'a:b' })).not.toContain(':');
    expect(associationJobId('sync', { ...association, secretPath: 'ci/tokens2' })).not.toBe(id);
    // the tuple encoding keeps ("a/b","c") and ("a","b/c") apart
    expect(associationJobId('sync', { ...association, mountAccessor: 'kv/x', secretPath: 'y' })).not.toBe(
      associationJobId('sync', { ...association, mountAccessor: 'kv', secretPath: 'x/y' }),
    );
  });
});

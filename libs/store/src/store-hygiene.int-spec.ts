import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DestinationRef, FailureClass, ErrorCode, SyncEvent, SyncStatus, associationId } from '@vault-sync/domain';
import { MonitoredCommand, RedisMonitor, TestRedis, createTestRedis, monitorRedis } from '@vault-sync/testing';
import { Redis } from 'ioredis';
import { CredentialCipher } from './crypto/credential-cipher';
import { AssociationRepository } from './repositories/association.repository';
import { DestinationRepository } from './repositories/destination.repository';
import { GlobalConfigRepository } from './repositories/global-config.repository';
import { OwnershipLedgerRepository } from './repositories/ownership-ledger.repository';

const KEYLESS_COMMANDS = new Set(['multi', 'exec', 'ping', 'info', 'client', 'select', 'quit', 'script', 'hello']);

/** The key arguments of a command as MONITOR shows it (`args[0]` is the command name). */
function keysOf(args: string[]): string[] {
  const [command, ...rest] = args;
  const name = command.toLowerCase();
  if (KEYLESS_COMMANDS.has(name)) return [];
  if (name === 'evalsha' || name === 'eval') return rest.slice(2, 2 + Number(rest[1]));
  return [rest[0]];
}

/** Everything a key holds, as text, whatever its type. */
async function contentOf(redis: Redis, key: string): Promise<string> {
  switch (await redis.type(key)) {
    case 'hash':
      return JSON.stringify(await redis.hgetall(key));
    case 'set':
      return JSON.stringify(await redis.smembers(key));
    case 'zset':
      return JSON.stringify(await redis.zrange(key, 0, -1));
    default:
      return (await redis.get(key)) ?? '';
  }
}

/**
 * Runs every repository through a full lifecycle on one connection while MONITOR records what reaches Redis,
 * then checks what was sent and what is stored.
 */
describe('store hygiene', () => {
  let redis: TestRedis;
  const canaries = [`CANARY-${randomUUID()}`, `CANARY-${randomUUID()}`];
  let seen: MonitoredCommand[] = [];
  let scenarioSource = '';
  let monitor: RedisMonitor;

  beforeAll(async () => {
    redis = await createTestRedis();
    monitor = await monitorRedis(redis.url);
    seen = monitor.commands;

    const scenario = await redis.connect();
    scenarioSource = `${scenario.stream.localAddress}:${scenario.stream.localPort}`;
    const ctx = { redis: scenario, prefix: redis.prefix };
    const destinations = new DestinationRepository(ctx, new CredentialCipher(randomBytes(32)));
    const associations = new AssociationRepository(ctx);
    const ledger = new OwnershipLedgerRepository(ctx);
    const config = new GlobalConfigRepository(ctx);
    const ref: DestinationRef = { type: 'gh', name: 'hygiene' };
    const kept: DestinationRef = { type: 'vercel-project', name: 'kept' };
    const options = { granularity: 'secret-key', secretNameTemplate: 'VAULT_{{ .SecretKey }}', customTags: {}, adoptExisting: false } as const;

    await config.update({ disabled: true, queueCapacity: 10 });
    await config.get();
    await destinations.create({ ...ref, connection: { repository_owner: 'acme' }, credentials: { access_token: canaries[0] }, options });
    await destinations.create({ ...kept, connection: { project_id: 'prj_1' }, credentials: { access_token: canaries[0] }, options });
    await destinations.update(ref, () => ({ credentials: { access_token: canaries[1] } }));
    await destinations.get(ref);
    await destinations.getMasked(ref);
    await destinations.list();
    const secret = { mountAccessor: 'kv_1a2b3c4d', secretPath: 'ci/tokens' };
    await associations.set({ destination: ref, ...secret, mountPath: 'kv' });
    await associations.set({ destination: kept, ...secret, mountPath: 'kv' });
    const id = associationId(ref, secret);
    await associations.applyEvent(id, SyncEvent.StartSync);
    await associations.applyEvent(id, SyncEvent.FailExternal, {
      error: { failureClass: FailureClass.ExternalService, code: ErrorCode.DestinationUnavailable, message: 'gh answered 503' },
    });
    await associations.setSubKey(id, 'npm', { status: SyncStatus.Synced, updatedAt: '2025-05-02T09:14:03.000Z', externalName: 'VAULT_NPM' });
    await associations.removeSubKey(id, 'npm');
    await associations.setSubKey(id, 'pypi', { status: SyncStatus.Synced, updatedAt: '2025-05-02T09:14:03.000Z', externalName: 'VAULT_PYPI' });
    await ledger.put({ destination: kept, externalName: 'VAULT_PYPI', source: { ...secret, subKey: 'pypi' }, vaultVersion: 1, fingerprint: 'f'.repeat(64), writtenAt: 'now' });
    await ledger.listByDestination(kept);
    await associations.findBySecret(secret);
    await destinations.markPurgeInitiated(ref);
    await destinations.delete(ref, { force: true });
    await sleep(300);
  });

  afterAll(async () => {
    monitor.close();
    await redis.cleanup();
  });

  it('watched the scenario', () => {
    expect(seen.filter(({ source }) => source === scenarioSource).length).toBeGreaterThan(20);
    // The credential envelopes travel as script arguments: the leak check below does look at them.
    expect(seen.some(({ args }) => args.some((arg) => /"credentials","v1:[0-9a-f]{16}:/.test(String(arg))))).toBe(true);
  });

  it('never sends a plaintext credential to Redis', () => {
    const leaks = seen.filter(({ args }) => args.some((arg) => canaries.some((canary) => String(arg).includes(canary))));
    expect(leaks).toEqual([]);
  });

  it('stores no plaintext credential under the prefix', async () => {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, page] = await redis.redis.scan(cursor, 'MATCH', `{${redis.prefix}}*`, 'COUNT', 1000);
      keys.push(...page);
      cursor = next;
    } while (cursor !== '0');
    expect(keys.length).toBeGreaterThan(5);
    for (const key of keys) {
      const content = await contentOf(redis.redis, key);
      for (const canary of canaries) expect(content).not.toContain(canary);
    }
  });

  it('touches only keys under the prefix, all in its hash tag', () => {
    const touched = seen.filter(({ source }) => source === scenarioSource).flatMap(({ args }) => keysOf(args));
    expect(touched.length).toBeGreaterThan(20);
    expect(touched.filter((key) => !key.startsWith(`{${redis.prefix}}:`))).toEqual([]);
  });
});

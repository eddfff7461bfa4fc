import { ObservedChange, ObservedMountChange, ObservedSecretChange, SecretChangeOperation } from '@vault-sync/change-capture';
import { Association, DestinationRef, SecretRef, SyncEvent, SyncStatus, associationId } from '@vault-sync/domain';
import { AssociationJobRef, JobTrigger } from '@vault-sync/jobs';
import { AssociationNotFoundError } from '@vault-sync/store';
import { ChangeFanOut, FanOutDependencies, MountDirectory } from './change-fan-out';
import { mountChangeScope } from './mount-change-scope';

const gh: DestinationRef = { type: 'gh', name: 'ci' };
const aws: DestinationRef = { type: 'aws-sm', name: 'prod' };
const db: SecretRef = { mountAccessor: 'kv_1', secretPath: 'app/db' };

function association(destination: DestinationRef, secret: SecretRef, extra: Partial<Association> = {}): Association {
  return { destination, ...secret, mountPath: 'secret', status: SyncStatus.Synced, updatedAt: 't', generation: 1, attempts: 0, subKeys: {}, ...extra };
}

interface Enqueued {
  ref: AssociationJobRef;
  generation: number;
  trigger: JobTrigger;
  observedVersion?: number;
}

/** In-memory associations and queues, typed against the real repository and producer interfaces. */
function fakes(initial: Association[]) {
  const byId = new Map(initial.map((a) => [associationId(a.destination, a), a]));
  const enqueued: Enqueued[] = [];
  const events: [string, SyncEvent][] = [];
  const mounts = { accessors: new Map<string, string>([['secret/', 'kv_1']]), refreshed: 0 };
  const directory: MountDirectory = {
    accessorAt: async (path) => mounts.accessors.get(path),
    refresh: async () => {
      mounts.refreshed += 1;
      mounts.accessors.clear();
    },
  };
  const logs: object[] = [];
  const deps: FanOutDependencies = {
    associations: {
      findBySecret: async (secret) => [...byId.values()].filter((a) => a.mountAccessor === secret.mountAccessor && a.secretPath === secret.secretPath),
      listByDestination: async (destination) => [...byId.values()].filter((a) => a.destination.name === destination.name),
      applyEvent: async (id, event) => {
        const current = byId.get(id);
        if (!current) throw new AssociationNotFoundError(id);
        events.push([id, event]);
        const next = { ...current, status: SyncStatus.Pending, generation: current.generation + 1 };
        byId.set(id, next);
        return { outcome: 'applied', association: next };
      },
    },
    destinations: { list: async () => [gh, aws] },
    queues: {
      enqueueSync: async (ref, generation, trigger, observedVersion) => {
        enqueued.push({ ref, generation, trigger, ...(observedVersion === undefined ? {} : { observedVersion }) });
        return { queue: `sync-${ref.destination.type}` as 'sync-gh', jobId: String(enqueued.length) };
      },
    },
    mounts: directory,
    logger: { debug: (d) => logs.push(d), info: (d) => logs.push(d), warn: (d) => logs.push(d) },
  };
  return { deps, enqueued, events, mounts, byId };
}

/** Hands one change in and waits until it is fanned out; the jobs it queued. */
async function settle(fanOut: ChangeFanOut, change: ObservedChange, trigger: JobTrigger): Promise<number> {
  const before = fanOut.counters.queued;
  await fanOut.handle(change, trigger);
  await fanOut.idle();
  return fanOut.counters.queued - before;
}

let sequence = 0;
const secretChange = (operation: SecretChangeOperation, secret: SecretRef = db, extra: Partial<ObservedSecretChange> = {}): ObservedSecretChange => ({
  kind: 'secret',
  ...secret,
  mountPath: 'secret/',
  operation,
  requestId: `req-${(sequence += 1)}`,
  time: '2025-01-01T00:00:00Z',
  ...extra,
});
const mountChange = (operation: ObservedMountChange['operation'], target?: string): ObservedMountChange => ({
  kind: 'mount',
  operation,
  ...(target ? { target } : {}),
  requestId: `req-${(sequence += 1)}`,
  time: '2025-01-01T00:00:00Z',
});

describe('ChangeFanOut', () => {
  const operations: SecretChangeOperation[] = ['write', 'patch', 'delete', 'undelete', 'destroy', 'metadata-write', 'metadata-delete'];

  it.each(operations)('%s: queues one sync per association of the secret, through a new generation', async (operation) => {
    const { deps, enqueued, events } = fakes([association(gh, db), association(aws, db), association(gh, { ...db, secretPath: 'other' })]);
    const fanOut = new ChangeFanOut(deps);
    const version = operation === 'write' || operation === 'patch' ? { observedVersion: 7 } : {};
    expect(await settle(fanOut, secretChange(operation, db, version), 'audit-device')).toBe(2);
    expect(events.map(([, event]) => event)).toEqual([SyncEvent.QueueSync, SyncEvent.QueueSync]);
    expect(enqueued).toEqual(
      expect.arrayContaining([
        { ref: { destination: gh, ...db }, generation: 2, trigger: 'audit-device', ...version },
        { ref: { destination: aws, ...db }, generation: 2, trigger: 'audit-device', ...version },
      ]),
    );
    expect(enqueued).toHaveLength(2);
  });

  it('queues nothing for a secret without associations, and counts it', async () => {
    const { deps, enqueued } = fakes([association(gh, db)]);
    const fanOut = new ChangeFanOut(deps);
    expect(await settle(fanOut, secretChange('write', { ...db, secretPath: 'unrelated' }), 'audit-device')).toBe(0);
    expect(enqueued).toEqual([]);
    expect(fanOut.counters).toMatchObject({ received: 1, unassociated: 1, queued: 0 });
  });

  it('leaves an association being removed alone: its unsync must win', async () => {
    const { deps, enqueued, events } = fakes([association(gh, db, { removeWhenUnsynced: true, operation: 'unsync' }), association(aws, db)]);
    expect(await settle(new ChangeFanOut(deps), secretChange('write'), 'audit-device')).toBe(1);
    expect(enqueued.map((job) => job.ref.destination)).toEqual([aws]);
    expect(events).toHaveLength(1);
  });

  it('skips an association removed between the lookup and the queue event', async () => {
    const { deps, enqueued, byId } = fakes([association(gh, db)]);
    const findBySecret = deps.associations.findBySecret;
    deps.associations.findBySecret = async (secret) => {
      const found = await findBySecret(secret);
      byId.clear();
      return found;
    };
    expect(await settle(new ChangeFanOut(deps), secretChange('write'), 'audit-device')).toBe(0);
    expect(enqueued).toEqual([]);
  });

  it('handles a request id once, whichever feed reports it first', async () => {
    const { deps, enqueued } = fakes([association(gh, db)]);
    const fanOut = new ChangeFanOut(deps);
    const change = secretChange('write');
    await fanOut.handlerFor('audit-device')(change);
    await fanOut.handlerFor('audit-device')({ ...change });
    await fanOut.idle();
    expect(enqueued).toHaveLength(1);
    expect(fanOut.counters).toMatchObject({ received: 2, duplicates: 1, queued: 1, completed: 2 });
  });

  it('drops a change another replica has claimed', async () => {
    const { deps, enqueued } = fakes([association(gh, db)]);
    const claimed = new Set<string>();
    deps.claims = { claim: async (id) => !claimed.has(id) && Boolean(claimed.add(id)) };
    const change = secretChange('write');
    await settle(new ChangeFanOut(deps), change, 'audit-device');
    await settle(new ChangeFanOut(deps), change, 'audit-device');
    expect(enqueued).toHaveLength(1);
  });

  it('coalesces changes to a secret that is still waiting, keeping the highest observed version', async () => {
    const { deps, enqueued } = fakes([association(gh, db)]);
    const fanOut = new ChangeFanOut(deps);
    for (const version of [3, 5, 4]) await fanOut.handle(secretChange('write', db, { observedVersion: version }), 'audit-device');
    await fanOut.handle(secretChange('delete'), 'audit-device');
    await fanOut.idle();
    // The first change started a fan-out at once; the three after it waited and merged into one.
    expect(enqueued.map((job) => job.observedVersion)).toEqual([3, 5]);
    expect(fanOut.counters).toMatchObject({ received: 4, coalesced: 2, completed: 4, queued: 2 });
  });

  it('drops new secrets beyond the waiting limit, and counts a failed fan-out, without stopping', async () => {
    const { deps, enqueued } = fakes([association(gh, db), association(gh, { ...db, secretPath: 'b' })]);
    const logs: object[] = [];
    const fanOut = new ChangeFanOut({ ...deps, maxWaiting: 1, logger: { debug: () => undefined, info: () => undefined, warn: (details) => logs.push(details) } });
    await fanOut.handle(secretChange('write'), 'audit-device'); // taken at once
    await fanOut.handle(secretChange('write', { ...db, secretPath: 'b' }), 'audit-device'); // waits
    await fanOut.handle(secretChange('write', { ...db, secretPath: 'c' }), 'audit-device'); // over the limit
    await fanOut.idle();
    expect(fanOut.counters).toMatchObject({ dropped: 1, completed: 3 });
    expect(enqueued).toHaveLength(2);
    deps.associations.findBySecret = async () => Promise.reject(new Error('redis down'));
    await fanOut.handle(secretChange('write'), 'audit-device');
    await fanOut.idle();
    expect(fanOut.counters).toMatchObject({ failed: 1, completed: 4 });
    expect(logs).toEqual([expect.objectContaining({ waiting: 1 }), { reason: 'redis down' }]);
  });

  it('notifies a secret directly (webhook) with its trigger', async () => {
    const { deps, enqueued } = fakes([association(gh, db)]);
    expect(await new ChangeFanOut(deps).notifySecret({ ...db, trigger: 'webhook' })).toBe(1);
    expect(enqueued).toEqual([{ ref: { destination: gh, ...db }, generation: 2, trigger: 'webhook' }]);
  });

  describe('mount changes', () => {
    const teamSecret: SecretRef = { mountAccessor: 'kv_2', secretPath: 'x' };
    const all = () => [association(gh, db), association(aws, db), association(gh, teamSecret, { mountPath: 'team/kv' })];

    it('a new mount only refreshes the mount table', async () => {
      const { deps, enqueued, mounts } = fakes(all());
      expect(await settle(new ChangeFanOut(deps), mountChange('mount-enable', 'new/'), 'audit-device')).toBe(0);
      expect(mounts.refreshed).toBe(1);
      expect(enqueued).toEqual([]);
    });

    it('a disabled mount re-queues its associations, found by the accessor known before the refresh', async () => {
      const { deps, enqueued, mounts } = fakes(all().map((a) => ({ ...a, mountPath: 'renamed' })));
      expect(await settle(new ChangeFanOut(deps), mountChange('mount-disable', 'secret/'), 'audit-device')).toBe(2);
      expect(enqueued.map((job) => job.ref.mountAccessor)).toEqual(['kv_1', 'kv_1']);
      expect(mounts.refreshed).toBe(1);
    });

    it('a tuned mount re-queues the associations recorded under its path when its accessor is not known', async () => {
      const { deps, enqueued } = fakes(all());
      expect(await settle(new ChangeFanOut(deps), mountChange('mount-tune', 'team/kv/'), 'audit-device')).toBe(1);
      expect(enqueued.map((job) => job.ref)).toEqual([{ destination: gh, ...teamSecret }]);
    });

    it.each(['remount', 'snapshot-restore', 'raw-write', 'namespace-delete'] as const)('%s re-queues every association', async (operation) => {
      const { deps, enqueued } = fakes(all());
      expect(await settle(new ChangeFanOut(deps), mountChange(operation), 'audit-device')).toBe(3);
      expect(enqueued).toHaveLength(3);
    });

    it('still re-queues when the mount table cannot be refreshed', async () => {
      const { deps, enqueued } = fakes(all());
      deps.mounts = { accessorAt: async () => 'kv_1', refresh: async () => Promise.reject(new Error('vault down')) };
      expect(await settle(new ChangeFanOut(deps), mountChange('mount-disable', 'secret/'), 'audit-device')).toBe(2);
      expect(enqueued).toHaveLength(2);
    });
  });
});

describe('mountChangeScope', () => {
  it('scopes a disable or tune without a target to everything', () => {
    expect(mountChangeScope(mountChange('mount-disable'))).toEqual({ kind: 'all' });
    expect(mountChangeScope(mountChange('mount-tune', 'a/b/'))).toEqual({ kind: 'mount', mountPath: 'a/b/' });
  });
});

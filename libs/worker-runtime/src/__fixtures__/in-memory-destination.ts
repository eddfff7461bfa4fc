import {
  Destination,
  DestinationAdapter,
  DestinationAdapterFactory,
  DestinationKind,
  DesiredObject,
  ExistingObject,
  OwnershipMarks,
  RateLimitDomain,
  WriteOutcome,
} from '@vault-sync/domain';

export interface StoredObject {
  value: string;
  marks?: Partial<OwnershipMarks>;
  externalId: string;
}

export type AdapterCall = { op: 'inspect' | 'write' | 'remove'; name: string };

/**
 * Test double of the `DestinationAdapter` port, for the runtime's own tests (real SDK and emulator tests belong
 * to each destination's library). It keeps objects in memory, records every call, and lets a test inject
 * failures and hold a write open.
 */
export class InMemoryDestination {
  readonly objects = new Map<string, StoredObject>();
  readonly calls: AdapterCall[] = [];
  /** Credentials the factory was given, to prove they arrive decrypted. */
  readonly credentialsSeen: Record<string, string>[] = [];
  private readonly failures: { op: AdapterCall['op']; name: string; error: unknown }[] = [];
  private ids = 0;
  /** Awaited inside every write, after the call is recorded and before the value lands. */
  beforeWrite: (object: DesiredObject) => Promise<void> = async () => undefined;

  constructor(
    /** `false`: like GitHub, objects carry no ownership marks and the ledger alone decides. */
    private readonly carriesMarks = true,
  ) {}

  /** The next `times` `op` calls on object `name` throw `error`. */
  failNext(op: AdapterCall['op'], name: string, error: unknown, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push({ op, name, error });
  }

  count(op: AdapterCall['op']): number {
    return this.calls.filter((call) => call.op === op).length;
  }

  /** An object someone else created, without our marks. */
  plant(name: string, value: string, marks?: Partial<OwnershipMarks>): void {
    this.objects.set(name, { value, ...(marks === undefined ? {} : { marks }), externalId: `planted-${name}` });
  }

  factory(kind: DestinationKind, domain: Omit<RateLimitDomain, 'key'> = { requestsPerSecond: 1_000, burst: 1_000 }): DestinationAdapterFactory {
    return {
      kind,
      create: (destination: Destination) => {
        this.credentialsSeen.push(destination.credentials);
        return this.adapter();
      },
      rateLimitDomain: (destination: Destination) => ({ key: `in-memory:${destination.type}/${destination.name}`, ...domain }),
    };
  }

  private adapter(): DestinationAdapter {
    return {
      inspect: async (name: string): Promise<ExistingObject | undefined> => {
        this.record('inspect', name);
        const object = this.objects.get(name);
        if (object === undefined) return undefined;
        return { name, externalId: object.externalId, pendingDeletion: false, ...(this.carriesMarks ? { marks: object.marks ?? {} } : {}) };
      },
      write: async (object: DesiredObject, existing: ExistingObject | undefined): Promise<WriteOutcome> => {
        this.record('write', object.name);
        await this.beforeWrite(object);
        const externalId = existing?.externalId ?? `id-${++this.ids}`;
        this.objects.set(object.name, { value: object.value, ...(this.carriesMarks ? { marks: object.marks } : {}), externalId });
        return { externalId, created: existing === undefined };
      },
      remove: async (existing: ExistingObject): Promise<void> => {
        this.record('remove', existing.name);
        this.objects.delete(existing.name);
      },
      close: async () => undefined,
    };
  }

  private record(op: AdapterCall['op'], name: string): void {
    this.calls.push({ op, name });
    const index = this.failures.findIndex((failure) => failure.op === op && failure.name === name);
    if (index >= 0) {
      const [failure] = this.failures.splice(index, 1);
      throw failure.error;
    }
  }
}

import { randomUUID } from 'node:crypto';
import { ReconcilerLogger } from '../reconciler-logger';
import { Lease, RedisLeaderLock } from './leader-lock';

export interface LeaderElectionOptions {
  lock: RedisLeaderLock;
  logger: ReconcilerLogger;
  /** How often the leader renews and a follower tries to acquire (default a third of the TTL). */
  renewEveryMs?: number;
  onElected?: (lease: Lease) => void;
  onDeposed?: (lease: Lease) => void;
  now?: () => number;
}

/**
 * Keeps trying to hold a {@link RedisLeaderLock}: a follower tries to acquire, the leader renews. Renewing at a
 * fraction of the TTL leaves two more attempts before the lease lapses. When Redis cannot be reached the leader
 * steps down on its own once a full TTL has passed since the last confirmed renewal, because by then another
 * replica may have taken over; work it started is still stopped by the fencing check ({@link isCurrent}).
 */
export class LeaderElection {
  private readonly ownerId = randomUUID();
  private readonly renewEveryMs: number;
  private readonly now: () => number;
  private held: { lease: Lease; confirmedAt: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stepping: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: LeaderElectionOptions) {
    this.renewEveryMs = options.renewEveryMs ?? Math.max(1, Math.floor(options.lock.ttlMs / 3));
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.schedule(0);
  }

  /** The lease this replica believes it holds; confirm with {@link isCurrent} before acting on it. */
  get lease(): Lease | undefined {
    return this.held?.lease;
  }

  /** The fencing check: the lease is still held in Redis and no newer lease exists. */
  isCurrent(lease: Lease): Promise<boolean> {
    return this.options.lock.isCurrent(lease);
  }

  /** Stops campaigning and releases the lock, so another replica takes over without waiting for the TTL. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.stepping;
    const held = this.held;
    if (!held) return;
    this.depose('stopped');
    await this.options.lock.release(held.lease).catch((error: unknown) => this.warn('leader lock release failed', error));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => (this.stepping = this.step()), delayMs);
  }

  private async step(): Promise<void> {
    const startedAt = this.now();
    try {
      if (this.held) await this.renew(this.held.lease, startedAt);
      else await this.acquire(startedAt);
    } catch (error) {
      this.warn('leader lock unreachable', error);
      if (this.held && startedAt - this.held.confirmedAt >= this.options.lock.ttlMs) this.depose('unconfirmed');
    }
    this.schedule(this.renewEveryMs);
  }

  private async acquire(startedAt: number): Promise<void> {
    const lease = await this.options.lock.tryAcquire(this.ownerId);
    if (!lease || this.stopped) {
      if (lease) await this.options.lock.release(lease);
      return;
    }
    // The lease may have been granted at any point of the call: count its TTL from before the call.
    this.held = { lease, confirmedAt: startedAt };
    this.options.logger.info({ leader: this.ownerId, fencingToken: lease.token }, 'elected leader');
    this.options.onElected?.(lease);
  }

  private async renew(lease: Lease, startedAt: number): Promise<void> {
    if (await this.options.lock.renew(lease)) {
      if (this.held) this.held.confirmedAt = startedAt;
    } else {
      this.depose('lost');
    }
  }

  private depose(reason: 'lost' | 'unconfirmed' | 'stopped'): void {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    this.options.logger.info({ leader: this.ownerId, fencingToken: held.lease.token, reason }, 'no longer leader');
    this.options.onDeposed?.(held.lease);
  }

  private warn(message: string, error: unknown): void {
    this.options.logger.warn({ leader: this.ownerId, error: error instanceof Error ? error.message : String(error) }, message);
  }
}

import { RunFence, RunLeaseRepository } from '@vault-sync/store';

/**
 * The run lost its association's lease (it stalled past it, or Redis was unreachable): it must stop at once.
 * `afterMutation`: the destination was changed before the loss was noticed, so it may now hold older data than
 * the ledger says.
 */
export class LeaseLostError extends Error {
  constructor(
    readonly associationId: string,
    readonly afterMutation = false,
  ) {
    super(`the run lost the lease of association ${associationId}; another run owns it now`);
    this.name = 'LeaseLostError';
  }
}

/**
 * A lease a run holds, renewed in the background at a third of its time to live. Before every destination
 * write or delete the run confirms it in Redis, so a run that stalled past its lease stops before touching the
 * destination; the fenced store writes catch the rest.
 */
export class HeldLease {
  readonly fence: RunFence;
  private lost = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly leases: RunLeaseRepository,
    associationId: string,
    token: string,
    private readonly ttlMs: number,
  ) {
    this.fence = { associationId, token };
    this.timer = setInterval(() => void this.renew(), Math.max(1, Math.floor(ttlMs / 3)));
    this.timer.unref();
  }

  /** Throws {@link LeaseLostError} unless Redis confirms the lease is still ours. */
  async confirm(): Promise<void> {
    if (this.lost || !(await this.leases.holds(this.fence))) {
      this.lost = true;
      throw new LeaseLostError(this.fence.associationId);
    }
  }

  /** Keeps the lease while the job waits in BullMQ's delayed set, so only this job can resume the operation. */
  async keepWhileDelayed(delayMs: number): Promise<void> {
    this.stop();
    await this.leases.extend(this.fence, delayMs + this.ttlMs);
  }

  async release(): Promise<void> {
    this.stop();
    await this.leases.release(this.fence);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async renew(): Promise<void> {
    try {
      if (!(await this.leases.extend(this.fence, this.ttlMs))) this.lost = true;
    } catch {
      // Redis unreachable: the lease may expire; `confirm` finds out before the next destination call.
    }
  }
}

import { ChangeHandler, ObservedChange } from '../entry/observed-change';

export interface BoundedChangeQueueOptions {
  capacity: number;
  handler: ChangeHandler;
  /** Called once per overflow episode (not per dropped change). */
  onOverflow: () => void;
  onDropped: () => void;
  onHandlerError: (error: unknown, change: ObservedChange) => void;
}

/**
 * Decouples reading from handling: `offer` never waits, so a slow handler never stalls the socket (a stalled
 * reader blocks Vault's audit writes, spec vault-change-capture §1.4). When full it drops; the poller and the
 * reconciler cover the gap (spec §4). Handles one change at a time, in arrival order.
 */
export class BoundedChangeQueue {
  private items: ObservedChange[] = [];
  private head = 0;
  private overflowing = false;
  private draining: Promise<void> | undefined;

  constructor(private readonly options: BoundedChangeQueueOptions) {}

  get size(): number {
    return this.items.length - this.head;
  }

  /** @returns false when the change was dropped. */
  offer(change: ObservedChange): boolean {
    // An episode ends once half the queue is free again, so a handler that keeps up just barely does not
    // start a new episode (and a warning) for every change.
    if (this.overflowing && this.size * 2 <= this.options.capacity) this.overflowing = false;
    if (this.size >= this.options.capacity) {
      if (!this.overflowing) this.options.onOverflow();
      this.overflowing = true;
      this.options.onDropped();
      return false;
    }
    this.items.push(change);
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
    return true;
  }

  /** Resolves once every accepted change has been handled. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    for (let change = await this.next(); change; change = await this.next()) {
      try {
        await this.options.handler(change);
      } catch (error) {
        this.options.onHandlerError(error, change);
      }
    }
  }

  /** Yields to I/O before each change, so even a synchronous handler cannot starve the readers. */
  private async next(): Promise<ObservedChange | undefined> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.size === 0) {
      this.items = [];
      this.head = 0;
      return undefined;
    }
    const change = this.items[this.head] as ObservedChange;
    this.head += 1;
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return change;
  }
}

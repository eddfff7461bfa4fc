import { ChangeFanOut } from '@vault-sync/fan-out';
import { ChangeFeed } from '../feeds/change-feed';
import { WebhookRequest } from './webhook-request.schema';

/** The mount lookup the webhook needs (the Vault client's cached mount table). */
export interface WebhookMounts {
  /** The mount at exactly `mountPath` (no slashes), or `undefined` when none is there. */
  mountAt(mountPath: string): Promise<{ accessor: string; isKvV2: boolean } | undefined>;
}

export type WebhookOutcome =
  | { kind: 'queued'; jobs: number }
  | { kind: 'unavailable' }
  | { kind: 'no-mount' }
  | { kind: 'not-kv-v2' };

/**
 * The authenticated webhook (`POST /v1/sync/ingest/webhook`) as a feed: for senders that are not audit devices
 * (CI jobs, scripts, an OpenBao `http` audit device relay). It names a mount path, which is resolved to the
 * accessor associations are keyed by; the rest is the same fan-out as every other feed.
 */
export class WebhookFeed implements ChangeFeed {
  readonly name = 'webhook';
  private accepting = false;
  private readonly totals = { received: 0, queued: 0, rejected: 0 };

  constructor(
    private readonly fanOut: ChangeFanOut,
    private readonly mounts: WebhookMounts,
  ) {}

  async start(): Promise<void> {
    this.accepting = true;
  }

  async stop(): Promise<void> {
    this.accepting = false;
  }

  counters(): Record<string, number> {
    return { ...this.totals };
  }

  async notify(request: WebhookRequest): Promise<WebhookOutcome> {
    if (!this.accepting) return { kind: 'unavailable' };
    this.totals.received += 1;
    const mount = await this.mounts.mountAt(request.mount);
    if (!mount || !mount.isKvV2) {
      this.totals.rejected += 1;
      return { kind: mount ? 'not-kv-v2' : 'no-mount' };
    }
    const jobs = await this.fanOut.notifySecret({
      mountAccessor: mount.accessor,
      secretPath: request.path,
      trigger: 'webhook',
      ...(request.version === undefined ? {} : { observedVersion: request.version }),
    });
    this.totals.queued += jobs;
    return { kind: 'queued', jobs };
  }
}

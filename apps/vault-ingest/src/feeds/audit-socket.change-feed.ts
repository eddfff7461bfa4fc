import { AuditSocketFeed, AuditSocketFeedOptions } from '@vault-sync/change-capture';
import { SourceChangeFeed } from './source-change-feed';

/** The receiving end of Vault's `socket` audit device (`SYNC_AUDIT_SOCKET`): the primary, low-latency feed. */
export class AuditSocketChangeFeed extends SourceChangeFeed<AuditSocketFeed> {
  constructor(options: AuditSocketFeedOptions) {
    super('audit-socket', () => AuditSocketFeed.start(options));
  }

  /** Where it listens, once started. */
  get address(): { host: string; port: number } | undefined {
    return this.source?.address;
  }
}

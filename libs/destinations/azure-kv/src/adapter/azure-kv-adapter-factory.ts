import { SecretClient } from '@azure/keyvault-secrets';
import { createHash } from 'node:crypto';
import { Destination, DestinationAdapter, DestinationAdapterFactory, RateLimitDomain } from '@vault-sync/domain';
import { AzureKeyVaultAdapter, RecoveryTiming } from './azure-kv-adapter';
import { AzureKvClientOptions, secretClientFor } from './azure-kv-clients';
import { azureKvRateLimitDomain } from './azure-kv-rate-limit';
import { AzureKvSettings, azureKvSettingsOf } from './azure-kv-settings';

export interface AzureKvAdapterOptions extends AzureKvClientOptions {
  /** How a write waits for the recovery of a soft-deleted secret; the SDK's own poller interval is 2 s. */
  recovery?: Partial<RecoveryTiming>;
}

export const DEFAULT_RECOVERY_TIMING: RecoveryTiming = { pollIntervalMs: 1_000, maxWaitMs: 30_000 };

export class AzureKeyVaultAdapterFactory implements DestinationAdapterFactory {
  readonly kind = 'azure-kv' as const;
  private readonly recovery: RecoveryTiming;
  /**
   * One SecretClient per vault and identity, kept across runs: its credential caches the token (and MSAL's
   * throttling state) and its challenge policy the vault's challenge, which a client per run would pay for again
   * on every run with a challenge round trip and two authority calls. Keyed by a hash, as settings hold the secret.
   */
  private readonly clients = new Map<string, SecretClient>();

  constructor(private readonly options: AzureKvAdapterOptions = {}) {
    this.recovery = { ...DEFAULT_RECOVERY_TIMING, ...options.recovery };
  }

  create(destination: Destination): DestinationAdapter {
    const settings = azureKvSettingsOf(destination);
    return new AzureKeyVaultAdapter(this.clientFor(settings), settings.vaultUrl, this.recovery);
  }

  rateLimitDomain(destination: Destination): RateLimitDomain {
    return azureKvRateLimitDomain(azureKvSettingsOf(destination));
  }

  private clientFor(settings: AzureKvSettings): SecretClient {
    const key = createHash('sha256').update(JSON.stringify(settings)).digest('hex');
    let client = this.clients.get(key);
    if (client === undefined) {
      client = secretClientFor(settings, this.options);
      this.clients.set(key, client);
    }
    return client;
  }
}

/** What the azure-kv worker serves: `startWorkerService({ adapters: azureKeyVaultAdapters() })`. */
export function azureKeyVaultAdapters(options: AzureKvAdapterOptions = {}): DestinationAdapterFactory {
  return new AzureKeyVaultAdapterFactory(options);
}

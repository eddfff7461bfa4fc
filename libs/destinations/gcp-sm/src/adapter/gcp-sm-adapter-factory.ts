import { Destination, DestinationAdapter, DestinationAdapterFactory, RateLimitDomain } from '@vault-sync/domain';
import { GcpSecretManagerAdapter } from './gcp-sm-adapter';
import { GcpSmEndpointOptions, secretManagerClientFor } from './gcp-sm-client';
import { gcpSmRateLimitDomain } from './gcp-sm-rate-limit';
import { gcpSmSettingsOf } from './gcp-sm-settings';

export type GcpSecretManagerAdapterOptions = GcpSmEndpointOptions;

export class GcpSecretManagerAdapterFactory implements DestinationAdapterFactory {
  readonly kind = 'gcp-sm' as const;

  constructor(private readonly endpoint: GcpSecretManagerAdapterOptions = {}) {}

  create(destination: Destination): DestinationAdapter {
    const settings = gcpSmSettingsOf(destination);
    return new GcpSecretManagerAdapter(settings, secretManagerClientFor(settings, this.endpoint));
  }

  rateLimitDomain(destination: Destination): RateLimitDomain {
    return gcpSmRateLimitDomain(gcpSmSettingsOf(destination));
  }
}

/** What the gcp-sm worker serves: `startWorkerService({ adapters: (config) => gcpSecretManagerAdapters({...}) })`. */
export function gcpSecretManagerAdapters(options: GcpSecretManagerAdapterOptions = {}): DestinationAdapterFactory {
  return new GcpSecretManagerAdapterFactory(options);
}

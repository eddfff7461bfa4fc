import { Destination, DestinationAdapter, DestinationAdapterFactory, RateLimitDomain } from '@vault-sync/domain';
import { DEFAULT_VERCEL_API_URL, VercelEnvApi } from './vercel-env-api';
import { VercelProjectAdapter } from './vercel-project-adapter';
import { vercelRateLimitDomain } from './vercel-rate-limit';
import { vercelProjectSettingsOf } from './vercel-settings';

export interface VercelProjectAdapterOptions {
  /** The API's base URL, for every vercel-project destination of the worker (an emulator in tests); default `https://api.vercel.com`. */
  apiBaseUrl?: string;
}

export class VercelProjectAdapterFactory implements DestinationAdapterFactory {
  readonly kind = 'vercel-project' as const;
  private readonly apiBaseUrl: string;

  constructor(options: VercelProjectAdapterOptions = {}) {
    this.apiBaseUrl = options.apiBaseUrl ?? DEFAULT_VERCEL_API_URL;
  }

  create(destination: Destination): DestinationAdapter {
    const settings = vercelProjectSettingsOf(destination);
    return new VercelProjectAdapter(settings, new VercelEnvApi(this.apiBaseUrl, settings));
  }

  rateLimitDomain(destination: Destination): RateLimitDomain {
    return vercelRateLimitDomain(vercelProjectSettingsOf(destination));
  }
}

/** What the vercel-project worker serves: `startWorkerService({ adapters: vercelProjectAdapters() })`. */
export function vercelProjectAdapters(options: VercelProjectAdapterOptions = {}): DestinationAdapterFactory {
  return new VercelProjectAdapterFactory(options);
}

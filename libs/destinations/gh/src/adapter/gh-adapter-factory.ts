import { Destination, DestinationAdapter, DestinationAdapterFactory, RateLimitDomain } from '@vault-sync/domain';
import { GhAdapter } from './gh-adapter';
import { octokitAuth } from './gh-auth';
import { PublicKeyCache } from './gh-public-keys';
import { ghRateLimitDomain } from './gh-rate-limit';
import { secretScopeFor } from './gh-secret-scope';
import { describeScope, ghSettingsOf } from './gh-settings';
import { createOctokit } from './octokit';

export const GITHUB_API_URL = 'https://api.github.com';

export interface GhAdapterOptions {
  /** The REST API root for destinations without `enterprise_url`; GitHub's by default. */
  apiBaseUrl?: string;
}

export class GhAdapterFactory implements DestinationAdapterFactory {
  readonly kind = 'gh' as const;
  private readonly keys = new PublicKeyCache();
  private readonly apiBaseUrl: string;

  constructor(options: GhAdapterOptions = {}) {
    this.apiBaseUrl = (options.apiBaseUrl || GITHUB_API_URL).replace(/\/+$/, '');
  }

  create(destination: Destination): DestinationAdapter {
    const settings = ghSettingsOf(destination);
    const apiBaseUrl = settings.enterpriseApiUrl ?? this.apiBaseUrl;
    const octokit = createOctokit(apiBaseUrl, octokitAuth(settings.auth));
    return new GhAdapter(secretScopeFor(octokit, settings.scope), this.keys, `${apiBaseUrl} ${describeScope(settings.scope)}`);
  }

  rateLimitDomain(destination: Destination): RateLimitDomain {
    return ghRateLimitDomain(ghSettingsOf(destination).auth);
  }
}

/** What the gh worker serves: `startWorkerService({ adapters: ghAdapters({ apiBaseUrl }) })`. */
export function ghAdapters(options: GhAdapterOptions = {}): DestinationAdapterFactory {
  return new GhAdapterFactory(options);
}

import { Destination, DestinationAdapter, DestinationAdapterFactory, RateLimitDomain } from '@vault-sync/domain';
import { AwsSecretsManagerAdapter } from './aws-sm-adapter';
import { awsCredentialSource } from './aws-sm-credentials';
import { awsSmRateLimitDomain } from './aws-sm-rate-limit';
import { awsSmSettingsOf } from './aws-sm-settings';

export class AwsSecretsManagerAdapterFactory implements DestinationAdapterFactory {
  readonly kind = 'aws-sm' as const;

  create(destination: Destination): DestinationAdapter {
    const settings = awsSmSettingsOf(destination);
    return new AwsSecretsManagerAdapter(settings, awsCredentialSource(settings));
  }

  rateLimitDomain(destination: Destination): RateLimitDomain {
    return awsSmRateLimitDomain(awsSmSettingsOf(destination));
  }
}

/** What the aws-sm worker serves: `startWorkerService({ adapters: awsSecretsManagerAdapters })`. */
export const awsSecretsManagerAdapters: DestinationAdapterFactory = new AwsSecretsManagerAdapterFactory();

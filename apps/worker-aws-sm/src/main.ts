import { awsSecretsManagerAdapters } from '@vault-sync/destination-aws-sm';
import { startWorkerService } from '@vault-sync/worker-runtime';

void startWorkerService({ adapters: awsSecretsManagerAdapters });

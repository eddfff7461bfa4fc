import { gcpSecretManagerAdapters } from '@vault-sync/destination-gcp-sm';
import { startWorkerService } from '@vault-sync/worker-runtime';

void startWorkerService({ adapters: (config) => gcpSecretManagerAdapters(config.destinations.gcp) });

import { ghAdapters } from '@vault-sync/destination-gh';
import { startWorkerService } from '@vault-sync/worker-runtime';

void startWorkerService({ adapters: (config) => ghAdapters({ apiBaseUrl: config.destinations.github.apiBaseUrl }) });

import { vercelProjectAdapters } from '@vault-sync/destination-vercel-project';
import { startWorkerService } from '@vault-sync/worker-runtime';

void startWorkerService({ adapters: (config) => vercelProjectAdapters({ apiBaseUrl: config.destinations.vercel.apiBaseUrl }) });

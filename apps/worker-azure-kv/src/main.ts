import { azureKeyVaultAdapters } from '@vault-sync/destination-azure-kv';
import { startWorkerService } from '@vault-sync/worker-runtime';

void startWorkerService({ adapters: (config) => azureKeyVaultAdapters(config.destinations.azure) });

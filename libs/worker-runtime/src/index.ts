export { asVaultSyncError, describeFailure, isThrottling } from './errors/classify-error';
export { type Admission, type AdaptiveRateOptions, DEFAULT_ADAPTIVE_RATE, RateGovernor } from './governor/rate-governor';
export { type DeleteVerdict, type OwnershipFacts, type WriteVerdict, judgeDelete, judgeWrite, sourceMark } from './plan/ownership';
export { type SyncPlan, assertNotOlderThanSynced, ownedEntries, planSync, planUnsync, plannedCalls } from './plan/sync-plan';
export { DEFAULT_RETRY_POLICY, type RetryDecision, type RetryPolicy, backoffDelayMs, decideRetry } from './retry/retry-policy';
export { type WorkerRuntime, type WorkerRuntimeOptions, createWorkerRuntime } from './service/worker-runtime';
export { type RunningWorkerService, type WorkerServiceOptions, startWorkerService } from './service/start-worker-service';
export { workerVaultClient } from './service/vault-client-from-config';

/**
 * Settings every SDK client of the adapter shares. Endpoints are never set here: the SDK itself honours
 * AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SECRETS_MANAGER and AWS_ENDPOINT_URL_STS (and `endpoint_url` in the
 * shared config file), which is how the worker is pointed at an emulator or a VPC endpoint.
 */
export const sdkClientDefaults = {
  // The worker runtime owns retries: it sees every throttling answer (to slow the shared rate governor down)
  // and re-queues with backoff, instead of the SDK retrying silently against the same 50 TPS budget.
  maxAttempts: 1,
  requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
} as const;

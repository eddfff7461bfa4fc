import { EmulatorResponse } from '../core/router';
import { Admission } from '../core/traffic-policy';
import { errorResponse, INTERNAL_ERROR, PERMISSION_DENIED } from './vault.reply';

const FAULT_MESSAGES: Record<number, string> = {
  403: PERMISSION_DENIED,
  500: INTERNAL_ERROR,
  503: 'Vault is sealed',
};

/** An injected failure in Vault's error envelope. */
export function faultAnswer(status: number): EmulatorResponse {
  return errorResponse(status, [FAULT_MESSAGES[status] ?? `injected failure (HTTP ${status})`]);
}

/** A rate-limit quota refusal: 429 with the headers Vault sends when quota response headers are on. */
export function throttledAnswer(admission: Extract<Admission, { kind: 'throttled' }>): EmulatorResponse {
  return errorResponse(429, ['rate limit quota exceeded'], {
    'retry-after': String(Math.ceil(admission.retryAfterMs / 1000)),
    'x-ratelimit-limit': String(admission.limit),
    'x-ratelimit-remaining': String(admission.remaining),
    'x-ratelimit-reset': String(Math.ceil(admission.resetAtMs / 1000)),
  });
}

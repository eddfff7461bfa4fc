/** The `error` object every Vercel endpoint fails with (spec §5.3), and the `failed` entries of a 201. */
export interface VercelErrorBody {
  code?: string;
  message?: string;
  limit?: { reset?: number; resetMs?: number };
  [detail: string]: unknown;
}

/**
 * A Vercel answer that is not a success, before classification: the status, the error body and the headers
 * (rate-limit reset, request id). Its own message never quotes the service text, which may echo a value.
 */
export class VercelHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: VercelErrorBody,
    readonly headers: Headers,
  ) {
    super(`Vercel answered HTTP ${status}${body.code ? ` (${body.code})` : ''}`);
    this.name = 'VercelHttpError';
  }

  get code(): string | undefined {
    return this.body.code;
  }
}

/** The Vercel error code of a failed call, for flows that handle one answer themselves (not found, clashes…). */
export function vercelErrorCode(error: unknown): string | undefined {
  return error instanceof VercelHttpError ? error.code : undefined;
}

export function vercelStatus(error: unknown): number | undefined {
  return error instanceof VercelHttpError ? error.status : undefined;
}

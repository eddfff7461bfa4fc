import { ErrorCode } from './error-code';
import { FailureClass } from './failure-class';

export interface VaultSyncErrorOptions {
  retryable?: boolean;
  /** Minimum wait before a retry, e.g. from a destination's Retry-After. */
  retryAfterMs?: number;
  /** HTTP or gRPC status the destination answered with, when there was one. */
  statusCode?: number;
  /** Request id the destination gave, for support tickets. */
  requestId?: string;
  cause?: unknown;
}

/**
 * Base of every error this service reports on an association. Messages name destinations, paths and keys,
 * never secret values or credentials: they are stored, logged and returned by the API.
 */
export abstract class VaultSyncError extends Error {
  abstract readonly failureClass: FailureClass;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly statusCode: number | undefined;
  readonly requestId: string | undefined;

  protected constructor(
    readonly code: ErrorCode,
    message: string,
    defaultRetryable: boolean,
    options: VaultSyncErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retryable = options.retryable ?? defaultRetryable;
    this.retryAfterMs = options.retryAfterMs;
    this.statusCode = options.statusCode;
    this.requestId = options.requestId;
  }

  /** The shape stored on an association as its last error. */
  toRecord(): ErrorRecord {
    return {
      failureClass: this.failureClass,
      code: this.code,
      message: this.message,
      ...(this.statusCode === undefined ? {} : { statusCode: this.statusCode }),
      ...(this.requestId === undefined ? {} : { requestId: this.requestId }),
    };
  }
}

export interface ErrorRecord {
  failureClass: FailureClass;
  code: ErrorCode;
  message: string;
  statusCode?: number;
  requestId?: string;
}

/** Inside our side of the pipe: Vault unreachable or denying us, the secret unreadable, our store failing. */
export class InternalVaultError extends VaultSyncError {
  readonly failureClass = FailureClass.InternalVault;
  constructor(code: ErrorCode, message: string, options?: VaultSyncErrorOptions) {
    super(code, message, true, options);
  }
}

/** Configuration or authorization problems that only an operator can fix; never retried in a loop. */
export class ClientSideError extends VaultSyncError {
  readonly failureClass = FailureClass.ClientSide;
  constructor(code: ErrorCode, message: string, options?: VaultSyncErrorOptions) {
    super(code, message, false, options);
  }
}

/** The destination failed: 5xx, timeouts, resets, throttling. Retried with backoff. */
export class ExternalServiceError extends VaultSyncError {
  readonly failureClass = FailureClass.ExternalService;
  constructor(code: ErrorCode, message: string, options?: VaultSyncErrorOptions) {
    super(code, message, true, options);
  }
}

/** Rejected configuration (template, name rule, option). Raised at configuration time, mapped to HTTP 400. */
export class ConfigurationError extends ClientSideError {
  constructor(
    code: ErrorCode,
    message: string,
    /** The configuration field at fault, e.g. `secret_name_template`. */
    readonly field?: string,
  ) {
    super(code, message);
  }
}

import { status } from '@grpc/grpc-js';
import { Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { grpcErrorStatus } from '@vault-sync/grpc-contract';
import { Observable, throwError } from 'rxjs';

/** What grpc-js sends for a failed unary call: `code` as the status, `details` as its message. */
export interface GrpcServiceError {
  code: status;
  details: string;
  message: string;
}

/**
 * Answers every failure of a SecretsSync call with its gRPC status (`@vault-sync/grpc-contract` mapping) and the
 * error's own message, or a generic one for errors that are not ours, which are logged.
 */
@Catch()
export class GrpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('SecretsSyncGrpc');

  catch(exception: unknown): Observable<never> {
    const { code, message } = grpcErrorStatus(exception);
    if (code === status.INTERNAL) {
      const error = exception instanceof Error ? exception : undefined;
      this.logger.error(`gRPC call failed: ${error?.name ?? typeof exception}`, error?.stack);
    }
    return throwError((): GrpcServiceError => ({ code, details: message, message }));
  }
}

import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Logger } from '@vault-sync/logging';

/** Vault's error envelope, `{"errors": [...]}`, for every failure the gateway answers. */
export interface VaultErrorBody {
  errors: string[];
}

/**
 * Answers every exception in Vault's shape. Unknown routes are 404 with an empty list, as Vault does;
 * unexpected errors are logged and answered with a generic message that cannot carry internal details.
 */
@Catch()
export class VaultErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const [status, body] = this.toResponse(exception);
    void reply.status(status).header('content-type', 'application/json').send(body);
  }

  private toResponse(exception: unknown): [number, VaultErrorBody] {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === HttpStatus.NOT_FOUND) return [status, { errors: [] }];
      const response = exception.getResponse();
      const errors =
        typeof response === 'object' && response !== null && Array.isArray((response as VaultErrorBody).errors)
          ? (response as VaultErrorBody).errors
          : [exception.message];
      return [status, { errors }];
    }
    this.logger.error({ err: exception instanceof Error ? { name: exception.name, stack: exception.stack } : undefined }, 'unhandled error');
    return [HttpStatus.INTERNAL_SERVER_ERROR, { errors: ['internal error'] }];
  }
}

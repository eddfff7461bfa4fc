import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Logger } from '@vault-sync/logging';
import { VaultErrorBody, VaultErrorResponse, vaultErrorResponse } from './vault-error-response';

/**
 * Answers every failure in Vault's shape, whether it came from a guard or controller or from Fastify before
 * routing (body limit, body parsing), which Nest routes here too. Unexpected errors are logged and answered
 * with a generic message that cannot carry internal details.
 */
@Catch()
export class VaultErrorFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly bodyLimit: number,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body } = this.toResponse(exception);
    void host.switchToHttp().getResponse<FastifyReply>().status(status).header('content-type', 'application/json').send(body);
  }

  private toResponse(exception: unknown): VaultErrorResponse {
    const known = vaultErrorResponse(exception, this.bodyLimit);
    if (known !== undefined) return known;
    this.logger.error({ err: exception instanceof Error ? { name: exception.name, stack: exception.stack } : undefined }, 'unhandled error');
    const body: VaultErrorBody = { errors: ['internal error'] };
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body };
  }
}

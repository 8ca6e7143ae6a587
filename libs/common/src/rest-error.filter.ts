import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ErrorCode } from './errors.js';
import { domainErrorOf } from './format-graphql-error.js';

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

/**
 * The REST face of formatGraphqlError for the Excel endpoints: `{ code, message, …details }` with
 * the matching HTTP status (401, 403, 400, 404, 409) — never a stack, SQL or driver text.
 */
@Catch()
export class RestErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('REST');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.answer(error);
    res.status(status).json(body);
  }

  private answer(error: unknown): { status: number; body: Record<string, unknown> } {
    const domain = domainErrorOf(error); // the same mapping as GraphQL's
    if (domain)
      return {
        status: domain.details?.reason === 'SERVICE_UNAVAILABLE' ? 503 : STATUS[domain.code],
        body: { code: domain.code, message: domain.message, ...domain.details },
      };
    if (error instanceof HttpException && error.getStatus() < 500) {
      // Nest's own refusals: an upload over the size limit (413), a malformed request (400).
      return { status: error.getStatus(), body: { code: ErrorCode.BAD_USER_INPUT, message: error.message } };
    }
    this.logger.error(error);
    return {
      status: 500,
      body: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: '服务器内部错误 (internal server error)' },
    };
  }
}

import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { mapError } from './map-error.js';

/**
 * The REST face of mapError for the Excel endpoints: `{ code, message, …details }` with the matching
 * HTTP status (401, 403, 400, 404, 409, 503) — never a stack, SQL or driver text.
 */
@Catch()
export class RestErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('REST');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const mapped = mapError(error);
    if (mapped.log) this.logger.error(error);
    res.status(mapped.httpStatus).json({ code: mapped.code, message: mapped.message, ...mapped.details });
  }
}

import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { ErrorCode } from '@poker/shared';
import type { Response } from 'express';
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from './database-unavailable';
import { DomainError } from './domain.error';
import { ErrorReporter } from './error-reporter';

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  JIRA_ERROR: 502,
  INTERNAL: 500,
};

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'BAD_REQUEST',
  429: 'RATE_LIMITED',
};

/** HTTP answers in one shape, `{ error: { code, message } }`, with the contract's codes. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  constructor(private readonly reporter: ErrorReporter) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, code, message } = this.describe(exception);
    if (response.headersSent) return;
    response.status(status).json({ error: { code, message } });
  }

  private describe(exception: unknown): { status: number; code: ErrorCode; message: string } {
    if (exception instanceof DomainError) {
      return { status: STATUS[exception.code], code: exception.code, message: exception.message };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message =
        typeof body === 'object' && body && 'message' in body
          ? String(body.message)
          : exception.message;
      return {
        status,
        code: CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'),
        message,
      };
    }
    if (isClientRequestError(exception)) {
      // The body parser's own errors (body over the limit, unreadable encoding): the client's fault.
      const status = exception.status;
      const message = status === 413 ? 'Request body too large.' : exception.message;
      return { status, code: CODE_BY_STATUS[status] ?? 'BAD_REQUEST', message };
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn('Request refused: database unavailable.');
      return { status: 503, code: 'INTERNAL', message: DATABASE_UNAVAILABLE };
    }
    this.logger.error(
      `Unexpected error: ${exception instanceof Error ? exception.message : String(exception)}`,
    );
    this.reporter.capture(exception);
    return { status: 500, code: 'INTERNAL', message: 'Something went wrong on our side.' };
  }
}

/** An `http-errors` error marked safe to show (`expose`), as body-parser throws for 4xx cases. */
function isClientRequestError(
  exception: unknown,
): exception is Error & { status: number; expose: true } {
  if (!(exception instanceof Error)) return false;
  const { status, expose } = exception as { status?: unknown; expose?: unknown };
  return expose === true && typeof status === 'number' && status >= 400 && status < 500;
}

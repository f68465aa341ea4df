import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { fail, type AckFailure } from '@poker/shared';
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from './database-unavailable';
import { DomainError } from './domain.error';
import { ErrorReporter } from './error-reporter';

/**
 * Turns anything a socket handler throws into the contract's `{ ok: false, error }` ack.
 * Unexpected errors become INTERNAL (the details go to the error reporter, not the client),
 * so no handler can crash the process or leak internals.
 */
@Catch()
export class WsExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Socket');

  constructor(private readonly reporter: ErrorReporter) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const args = host.getArgs<unknown[]>();
    const ack = args.find((arg, index) => index > 0 && typeof arg === 'function') as
      ((response: AckFailure) => void) | undefined;
    const event = host.switchToWs().getPattern();
    ack?.(this.toAck(exception, event));
  }

  private toAck(exception: unknown, event: string): AckFailure {
    if (exception instanceof DomainError) return fail(exception.code, exception.message);
    if (isDatabaseUnavailable(exception)) {
      // An outage, not a bug: /readyz already says so; one warning per event, no error report.
      this.logger.warn(`${event} refused: database unavailable (${describe(exception)})`);
      return fail('INTERNAL', DATABASE_UNAVAILABLE);
    }
    this.logger.error(`Unexpected error in ${event}: ${describe(exception)}`);
    this.reporter.capture(exception, { event });
    return fail('INTERNAL', 'Something went wrong on our side; please try again.');
  }
}

function describe(exception: unknown): string {
  return exception instanceof Error ? exception.message : String(exception);
}

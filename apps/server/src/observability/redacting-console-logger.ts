import { ConsoleLogger, type ConsoleLoggerOptions, type LogLevel } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { redactText, redactValue } from './redaction';

/**
 * Nest's console logger (JSON lines with `json: true`) with every message and stack trace passed
 * through the JWT redaction first. Our code logs no payloads, names or tokens; this is the net
 * under that rule, for the messages of errors thrown by libraries.
 */
export class RedactingConsoleLogger extends ConsoleLogger {
  constructor(options: ConsoleLoggerOptions) {
    super(options);
  }

  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    const stack = typeof errorStack === 'string' ? redactText(errorStack) : errorStack;
    super.printMessages(messages.map(redactValue), context, logLevel, writeStreamType, stack);
  }

  protected override printStackTrace(stack: string): void {
    super.printStackTrace(stack ? redactText(stack) : stack);
  }
}

/** The application logger: JSON lines when LOG_FORMAT=json (the production default), else text. */
export function createAppLogger(config: AppConfig, logLevels: LogLevel[]): RedactingConsoleLogger {
  return new RedactingConsoleLogger({ json: config.logFormat === 'json', logLevels });
}

import { Injectable } from '@nestjs/common';

/** Tags that may accompany an error report: never payloads, names, tokens or issue content. */
export interface ErrorTags {
  event?: string;
  code?: string;
}

/**
 * Where unexpected errors go. Sentry is wired in by the privacy module when SENTRY_DSN is set;
 * until then this reporter only keeps the process alive.
 */
@Injectable()
export class ErrorReporter {
  private sink: ((error: unknown, tags: ErrorTags) => void) | undefined;

  /** Installs the real destination (Sentry). */
  use(sink: (error: unknown, tags: ErrorTags) => void): void {
    this.sink = sink;
  }

  capture(error: unknown, tags: ErrorTags = {}): void {
    this.sink?.(error, tags);
  }
}

import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { ErrorReporter } from '../errors/error-reporter';
import { startSentry, type SentrySink } from './sentry';

/** Turns Sentry on when SENTRY_DSN is set and makes it the ErrorReporter's destination. */
@Injectable()
export class SentryService implements OnModuleInit, OnApplicationShutdown {
  private sink: SentrySink | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reporter: ErrorReporter,
  ) {}

  onModuleInit(): void {
    if (!this.config.sentryDsn) return;
    const sink = startSentry({
      dsn: this.config.sentryDsn,
      zone: this.config.zone,
      environment: this.config.nodeEnv,
    });
    this.sink = sink;
    this.reporter.use((error, tags) => sink.capture(error, tags));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sink?.close();
  }
}

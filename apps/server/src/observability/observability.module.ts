import { Module } from '@nestjs/common';
import { SentryService } from './sentry.service';

/** Error reporting to Sentry, limited to what the privacy promise allows to leave the process. */
@Module({ providers: [SentryService] })
export class ObservabilityModule {}

import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { JiraModule } from '../jira/jira.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { SessionModule } from '../session/session.module';
import { TenantsModule } from '../tenants/tenants.module';
import { FitGuard } from './fit.guard';
import { FitVerifier } from './fit-verifier';
import { ForgeController } from './forge.controller';
import { ForgeService } from './forge.service';

/** The Forge front door: FIT verification, lifecycle, sessions and the daily job. */
@Module({
  imports: [TenantsModule, SessionModule, JiraModule, PrivacyModule],
  controllers: [ForgeController],
  providers: [
    ForgeService,
    FitGuard,
    {
      provide: FitVerifier,
      inject: [APP_CONFIG],
      // Without Forge the guard answers 404 before it asks the verifier anything.
      useFactory: (config: AppConfig) =>
        new FitVerifier(
          config.forge?.appId ?? 'ari:cloud:ecosystem::app/forge-disabled',
          config.forge?.jwksUrl ?? 'https://forge.invalid/jwks.json',
        ),
    },
  ],
})
export class ForgeModule {}

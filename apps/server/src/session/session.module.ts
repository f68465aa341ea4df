import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { resolveSecretsKey } from '../tenants/secrets-key';
import { SessionTokens } from './session-tokens';

/** Our own short-lived session tokens for Forge users (see session-tokens.ts). */
@Module({
  providers: [
    {
      provide: SessionTokens,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new SessionTokens(resolveSecretsKey(config)),
    },
  ],
  exports: [SessionTokens],
})
export class SessionModule {}

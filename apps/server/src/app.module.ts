import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ClientPagesModule } from './client-pages/client-pages.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ConnectModule } from './connect/connect.module';
import { DatabaseModule } from './database/database.module';
import { ErrorsModule } from './errors/errors.module';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { ForgeModule } from './forge/forge.module';
import { HealthModule } from './health/health.module';
import { JiraModule } from './jira/jira.module';
import { JwtModule } from './jwt/jwt.module';
import { MetricsModule } from './metrics/metrics.module';
import { PrivacyModule } from './privacy/privacy.module';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import type { RedisPair } from './realtime/redis-connection';
import { RealtimeModule } from './realtime/realtime.module';
import { RoomsModule } from './rooms/rooms.module';
import { SettingsModule } from './settings/settings.module';
import { TenantsModule } from './tenants/tenants.module';

@Module({})
export class AppModule {
  static forRoot(
    config: AppConfig,
    databaseUrl: string,
    redis: RedisPair | undefined,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        RealtimeModule.forRoot(redis),
        RateLimitsModule,
        DatabaseModule.forRoot(databaseUrl),
        ErrorsModule,
        MetricsModule,
        TenantsModule,
        JwtModule,
        ConnectModule,
        ForgeModule,
        JiraModule,
        RoomsModule,
        SettingsModule,
        HealthModule,
        ClientPagesModule,
        PrivacyModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
    };
  }
}

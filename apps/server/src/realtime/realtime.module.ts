import { DynamicModule, Global, Module } from '@nestjs/common';
import { REDIS, type RedisPair } from './redis-connection';

/** Makes the optional Redis connection (REDIS_URL) injectable, e.g. for readiness checks. */
@Global()
@Module({})
export class RealtimeModule {
  static forRoot(redis: RedisPair | undefined): DynamicModule {
    return {
      module: RealtimeModule,
      providers: [{ provide: REDIS, useValue: redis }],
      exports: [REDIS],
    };
  }
}

import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { REDIS, type RedisPair } from '../realtime/redis-connection';
import { EventLimiter } from './event-limiter.service';
import { HttpRateLimitGuard } from './http-rate-limit.guard';
import { JiraBudget } from './jira-budget.service';
import { MemoryRateLimitStore, RATE_LIMIT_STORE } from './rate-limit.store';
import { RedisRateLimitStore } from './redis-rate-limit.store';
import { SocketCap } from './socket-cap.service';

/**
 * Abuse limits that hold across sockets, reconnects and nodes (shared through Redis when
 * REDIS_URL is set): socket events per person and per site, open sockets per person, HTTP
 * requests per route group, and each site's Jira budget. Global: the rooms gateway's guard
 * and the Jira-calling services use them.
 */
@Global()
@Module({
  providers: [
    {
      provide: RATE_LIMIT_STORE,
      inject: [REDIS],
      useFactory: (redis: RedisPair | undefined) =>
        redis ? new RedisRateLimitStore(redis.pub) : new MemoryRateLimitStore(),
    },
    EventLimiter,
    SocketCap,
    JiraBudget,
    { provide: APP_GUARD, useClass: HttpRateLimitGuard },
  ],
  exports: [EventLimiter, SocketCap, JiraBudget],
})
export class RateLimitsModule {}

import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { REDIS, type RedisPair } from '../realtime/redis-connection';

type Check = 'ok' | 'down';

/** Liveness and readiness for load balancers and orchestrators. */
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: RedisPair | undefined,
  ) {}

  @Get('healthz')
  @HttpCode(200)
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * 503 when the database is down: nothing works without it. A Redis outage only costs
   * cross-node updates (each node keeps serving its own rooms), so it is reported as degraded
   * with 200: taking every node out of the balancer would turn a partial outage into a full one.
   */
  @Get('readyz')
  async ready(@Res() response: Response): Promise<void> {
    const checks: Record<string, Check> = { database: await this.database() };
    if (this.redis) checks.redis = (await this.redis.ping()) ? 'ok' : 'down';
    const ready = checks.database === 'ok';
    const degraded = Object.values(checks).some((state) => state !== 'ok');
    response.status(ready ? 200 : 503).json({ status: degraded ? 'degraded' : 'ok', checks });
  }

  private async database(): Promise<Check> {
    const timeout = new Promise<Check>((resolve) =>
      setTimeout(() => resolve('down'), 2000).unref(),
    );
    const query = this.dataSource
      .query('SELECT 1')
      .then((): Check => 'ok')
      .catch((): Check => 'down');
    return Promise.race([query, timeout]);
  }
}

import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Headers, Inject, UnauthorizedException } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { MetricsService } from './metrics.service';

/**
 * Prometheus scrape endpoint. With METRICS_TOKEN set it answers only the scraper's
 * `Authorization: Bearer <token>`; the proxy never forwards /metrics either (deploy/nginx.conf).
 */
@Controller()
export class MetricsController {
  private readonly tokenDigest: Buffer | undefined;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.tokenDigest = config.metricsToken === undefined ? undefined : digest(config.metricsToken);
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @Header('Cache-Control', 'no-store')
  scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    if (this.tokenDigest && !this.authorized(authorization)) {
      throw new UnauthorizedException('The metrics need a Bearer token.');
    }
    return this.metrics.registry.metrics();
  }

  private authorized(authorization: string | undefined): boolean {
    const match = /^Bearer ([^\s]+)$/i.exec(authorization?.trim() ?? '');
    // Digests of equal length, so the comparison takes the same time whatever was sent.
    return !!match && timingSafeEqual(digest(match[1]), this.tokenDigest!);
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

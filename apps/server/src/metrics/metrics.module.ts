import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { SocketMetricsInterceptor } from './socket-metrics.interceptor';

/** Prometheus metrics at /metrics. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, SocketMetricsInterceptor],
  exports: [MetricsService, SocketMetricsInterceptor],
})
export class MetricsModule {}

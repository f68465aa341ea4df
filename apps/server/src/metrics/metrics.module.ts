import { Global, Module } from '@nestjs/common';
import { ChangePhaseRecorder } from './change-phase-recorder';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/** Prometheus metrics at /metrics. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, ChangePhaseRecorder],
  exports: [MetricsService, ChangePhaseRecorder],
})
export class MetricsModule {}

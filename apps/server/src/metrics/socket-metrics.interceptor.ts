import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';
import { MetricsService } from './metrics.service';

/** Counts every socket event by outcome and times it to the ack. */
@Injectable()
export class SocketMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: MetricsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const event = context.switchToWs().getPattern();
    const stop = this.metrics.eventDuration.startTimer({ event });
    return next.handle().pipe(
      tap({
        next: () => {
          stop();
          this.metrics.events.inc({ event, outcome: 'ok' });
        },
        error: (error: unknown) => {
          stop();
          const code = (error as { code?: unknown })?.code;
          this.metrics.events.inc({ event, outcome: typeof code === 'string' ? code : 'INTERNAL' });
        },
      }),
    );
  }
}

import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of this node; labels never carry tenants, rooms or people. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly events = new Counter({
    name: 'poker_socket_events_total',
    help: 'Socket events handled, by event name and outcome code.',
    labelNames: ['event', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly eventDuration = new Histogram({
    name: 'poker_socket_event_duration_seconds',
    help: 'Time from receiving a socket event to its ack.',
    labelNames: ['event'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly roomCommits = new Counter({
    name: 'poker_room_commits_total',
    help: 'Room changes committed, by path: cached (one version-checked statement) or locked, and why.',
    labelNames: ['path'] as const,
    registers: [this.registry],
  });

  readonly sockets = new Gauge({
    name: 'poker_connected_sockets',
    help: 'Sockets connected to this node.',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** One acked socket event (reported by the Socket.IO adapter, which sees every ack). */
  observeEvent(event: string, seconds: number, outcome: string): void {
    this.events.inc({ event, outcome });
    this.eventDuration.observe({ event }, seconds);
  }
}

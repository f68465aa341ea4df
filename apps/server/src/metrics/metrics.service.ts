import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { pgPool } from '../database/pg-pool';
import {
  PG_POOL_WAITING_METRIC,
  ROOM_CHANGE_PHASE_BUCKETS,
  ROOM_CHANGE_PHASE_METRIC,
} from './change-phases';

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

  /** Recorded through ChangePhaseRecorder; the phases are listed in change-phases.ts. */
  readonly roomChangePhase = new Histogram({
    name: ROOM_CHANGE_PHASE_METRIC,
    help: 'Time of each phase of a completed room change, by commit path (see change-phases.ts).',
    labelNames: ['phase', 'path'] as const,
    buckets: ROOM_CHANGE_PHASE_BUCKETS,
    registers: [this.registry],
  });

  readonly sockets = new Gauge({
    name: 'poker_connected_sockets',
    help: 'Sockets connected to this node.',
    registers: [this.registry],
  });

  constructor(dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    // Read on each scrape: the pool exists once the data source is initialised.
    const pool = (): Pool | undefined =>
      dataSource.isInitialized ? pgPool(dataSource) : undefined;
    const poolGauge = (name: string, help: string, read: (pool: Pool) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const current = pool();
          this.set(current ? read(current) : 0);
        },
      });
    poolGauge(
      PG_POOL_WAITING_METRIC,
      'Requests (queries, transactions) waiting for a connection of the Postgres pool.',
      (p) => p.waitingCount,
    );
    poolGauge('poker_pg_pool_total', 'Connections the Postgres pool holds.', (p) => p.totalCount);
    poolGauge('poker_pg_pool_idle', 'Idle connections of the Postgres pool.', (p) => p.idleCount);
  }

  /** One acked socket event (reported by the Socket.IO adapter, which sees every ack). */
  observeEvent(event: string, seconds: number, outcome: string): void {
    this.events.inc({ event, outcome });
    this.eventDuration.observe({ event }, seconds);
  }
}

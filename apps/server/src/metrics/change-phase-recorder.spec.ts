import type { DataSource } from 'typeorm';
import { ChangePhaseRecorder } from './change-phase-recorder';
import { PhaseTimes, ROOM_CHANGE_PHASES } from './change-phases';
import { MetricsService } from './metrics.service';

function times(path: string, ms: Partial<Record<string, number>>): PhaseTimes {
  return Object.assign(new PhaseTimes(), { path }, ms);
}

describe('room-change phases and the Postgres pool in /metrics', () => {
  it('observes each phase of a change under its commit path, in seconds', async () => {
    const metrics = new MetricsService({ isInitialized: false } as DataSource);
    const recorder = new ChangePhaseRecorder(metrics);
    recorder.record(times('cached', { queue: 0.02, commit: 0.8, publish: 0.3 }));
    recorder.record(times('locked-cold', { commit: 3 }));
    const text = await metrics.registry.metrics();
    for (const phase of ROOM_CHANGE_PHASES) {
      expect(text).toContain(
        `poker_room_change_phase_seconds_count{phase="${phase}",path="cached"} 1`,
      );
    }
    expect(text).toContain(
      'poker_room_change_phase_seconds_bucket{le="0.001",phase="commit",path="cached"} 1',
    );
    expect(text).toContain(
      'poker_room_change_phase_seconds_bucket{le="0.0005",phase="commit",path="cached"} 0',
    );
    expect(text).toContain(
      'poker_room_change_phase_seconds_sum{phase="commit",path="locked-cold"} 0.003',
    );
    // Nothing changed, nothing published: no publish observation.
    expect(text).not.toContain('phase="publish",path="locked-cold"');
  });

  it('reads the pool on each scrape, and zeros before the database is up', async () => {
    const pool = { waitingCount: 0, totalCount: 0, idleCount: 0 };
    const dataSource = { isInitialized: false, driver: { master: pool } };
    const metrics = new MetricsService(dataSource as unknown as DataSource);
    expect(await metrics.registry.metrics()).toContain('poker_pg_pool_waiting 0');
    Object.assign(dataSource, { isInitialized: true });
    Object.assign(pool, { waitingCount: 3, totalCount: 20, idleCount: 1 });
    const text = await metrics.registry.metrics();
    expect(text).toContain('poker_pg_pool_waiting 3');
    expect(text).toContain('poker_pg_pool_total 20');
    expect(text).toContain('poker_pg_pool_idle 1');
  });
});

import { Injectable } from '@nestjs/common';
import type { Histogram } from 'prom-client';
import { ROOM_CHANGE_PHASES, type PhaseTimes } from './change-phases';
import { MetricsService } from './metrics.service';

type Phase = Histogram.Internal<'phase' | 'path'>;

/**
 * Records a completed room change's `PhaseTimes` into `poker_room_change_phase_seconds`. Its
 * own provider, which RoomCommitter takes as optional: the room services' unit harness builds
 * the committer without it, and the change then runs untimed.
 */
@Injectable()
export class ChangePhaseRecorder {
  /** Per path, its children in the order of ROOM_CHANGE_PHASES: no label objects per change. */
  private readonly byPath = new Map<string, Phase[]>();

  constructor(private readonly metrics: MetricsService) {}

  record(times: PhaseTimes): void {
    const [queue, presence, transition, commit, snapshot, publish] = this.phases(times.path);
    queue.observe(times.queue / 1000);
    presence.observe(times.presence / 1000);
    transition.observe(times.transition / 1000);
    commit.observe(times.commit / 1000);
    snapshot.observe(times.snapshot / 1000);
    if (!Number.isNaN(times.publish)) publish.observe(times.publish / 1000);
  }

  private phases(path: string): Phase[] {
    let phases = this.byPath.get(path);
    if (!phases) {
      phases = ROOM_CHANGE_PHASES.map((phase) => this.metrics.roomChangePhase.labels(phase, path));
      this.byPath.set(path, phases);
    }
    return phases;
  }
}

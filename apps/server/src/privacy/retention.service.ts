import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { ErrorReporter } from '../errors/error-reporter';
import { RoomRemovalService } from '../rooms/commit/room-removal.service';
import { RoomRepository } from '../rooms/store/room.repository';
import { RETENTION_LOCK, withAdvisoryLock } from './advisory-lock';
import { DAY_MS, scheduleAligned } from './report-schedule';

export interface RetentionRun {
  status: 'done' | 'busy';
  removed: number;
}

/** Rooms looked at per query; each is then removed in its own short transaction. */
const PAGE = 200;

/**
 * Retention: a room nobody touched (room.updated_at) for ROOM_RETENTION_DAYS is removed exactly
 * as its owner would remove it. Runs daily at 00:00 UTC on every node; the advisory lock keeps
 * it to one at a time, and removing an already removed room is a no-op.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  private stopSchedule: (() => void) | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly rooms: RoomRepository,
    private readonly removal: RoomRemovalService,
    private readonly reporter: ErrorReporter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.stopSchedule = scheduleAligned(DAY_MS, () => void this.tick());
  }

  onApplicationShutdown(): void {
    this.stopSchedule?.();
  }

  /** Removes every room untouched since `now` minus the retention period. */
  async runOnce(now = new Date()): Promise<RetentionRun> {
    const cutoff = new Date(now.getTime() - this.config.roomRetentionDays * DAY_MS);
    const locked = await withAdvisoryLock(this.dataSource, RETENTION_LOCK, () =>
      this.removeOlderThan(cutoff),
    );
    return locked.ran ? { status: 'done', removed: locked.value } : { status: 'busy', removed: 0 };
  }

  private async removeOlderThan(cutoff: Date): Promise<number> {
    let removed = 0;
    for (;;) {
      const stale = await this.rooms.idleSince(cutoff, PAGE);
      let removedNow = 0;
      for (const { id, tenantId } of stale) {
        // Under the lock again: a room used since the query above stays.
        if (await this.removal.removeIf(tenantId, id, ({ room }) => room.updatedAt < cutoff))
          removedNow += 1;
      }
      removed += removedNow;
      if (stale.length < PAGE || removedNow === 0) return removed;
    }
  }

  private async tick(): Promise<void> {
    try {
      const run = await this.runOnce();
      if (run.status === 'done') this.logger.log(`Retention: ${run.removed} idle rooms removed.`);
    } catch (error) {
      this.logger.warn('Retention run failed; it runs again tomorrow.');
      this.reporter.capture(error, { event: 'privacy:retention' });
    }
  }
}

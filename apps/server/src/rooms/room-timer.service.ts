import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ErrorReporter } from '../errors/error-reporter';
import { RoundsService } from './rounds.service';

/** How often every node looks for rounds whose timer ran out; the room lock keeps it single. */
const SWEEP_MS = 250;

/** Reveals rounds when their server-side timer expires, whichever node started it. */
@Injectable()
export class RoomTimerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RoomTimerService.name);
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly rounds: RoundsService,
    private readonly reporter: ErrorReporter,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.rounds.revealExpiredTimers();
    } catch (error) {
      this.logger.warn(
        `Timer sweep failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      this.reporter.capture(error, { event: 'timer:sweep' });
    } finally {
      this.running = false;
    }
  }
}

import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ESTIMATE_PROPERTY_KEY, estimateRecordSchema, type EstimateRecord } from '@poker/shared';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { ErrorReporter } from '../errors/error-reporter';
import { JiraError } from '../jira/jira-error';
import { JiraPlanningService } from '../jira/jira-planning.service';
import type { Actor } from './rules/actor';

/** Background attempts after the first one failed, each BACKOFF times longer than the last. */
export const RECORD_RETRIES = 3;
const BACKOFF = 4;
/** The first background wait, in multiples of the Jira client's own retry delay. */
const FIRST_WAIT_FACTOR = 10;

/** What the owner is told when the record could not be written at once. */
export const RECORD_WARNING =
  'The estimate is saved in Jira, but its planning record (rounds, votes, consensus) could not be written yet; the app keeps trying in the background.';

/**
 * Writes a saved estimate's record into the customer's Jira (the issue's `planningPoker`
 * entity property). It comes after the estimate itself, and its failure never undoes that: the
 * save answers with a warning and a few attempts follow in the background, in memory only (a
 * restart forgets them); when all fail, the error reporter hears of it, without the record.
 */
@Injectable()
export class EstimateRecordsService implements OnModuleDestroy {
  private readonly logger = new Logger(EstimateRecordsService.name);
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly planning: JiraPlanningService,
    private readonly reporter: ErrorReporter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Writes the record; a warning for the owner when it failed (the retries then run). */
  async write(actor: Actor, issueKey: string, record: EstimateRecord): Promise<string[]> {
    const value = estimateRecordSchema.parse(record);
    const outcome = await this.attempt(actor, issueKey, value);
    if (outcome === 'written') return [];
    if (outcome === 'retry') this.retry(actor, issueKey, value, 1);
    else this.giveUp(1);
    return [RECORD_WARNING];
  }

  /** Background attempts still waiting (tests, shutdown). */
  get pending(): number {
    return this.timers.size;
  }

  onModuleDestroy(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private retry(actor: Actor, issueKey: string, record: EstimateRecord, attempt: number): void {
    const wait = this.config.jira.baseDelayMs * FIRST_WAIT_FACTOR * BACKOFF ** (attempt - 1);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(actor, issueKey, record).then((outcome) => {
        if (outcome === 'written') return;
        if (outcome === 'retry' && attempt < RECORD_RETRIES) {
          return this.retry(actor, issueKey, record, attempt + 1);
        }
        this.giveUp(attempt + 1);
      });
    }, wait);
    timer.unref();
    this.timers.add(timer);
  }

  /** No issue key or record in the report: where it failed and why is enough. */
  private giveUp(attempts: number): void {
    this.reporter.capture(
      new Error(`The planningPoker record could not be written after ${attempts} attempts.`),
      { event: 'estimate:record', code: 'JIRA_ERROR' },
    );
  }

  /** One write; a failure Jira may get over (no answer, 429, 5xx) is worth another try. */
  private async attempt(
    actor: Actor,
    issueKey: string,
    record: EstimateRecord,
  ): Promise<'written' | 'retry' | 'failed'> {
    try {
      await this.planning.setIssueProperty(actor, issueKey, ESTIMATE_PROPERTY_KEY, record);
      return 'written';
    } catch (error) {
      // Jira's text may name the issue or its fields: the status alone goes to the log.
      const status = error instanceof JiraError ? error.status : 0;
      this.logger.warn(`The planningPoker record was not written (Jira: HTTP ${status}).`);
      return status === 0 || status === 429 || status >= 500 ? 'retry' : 'failed';
    }
  }
}

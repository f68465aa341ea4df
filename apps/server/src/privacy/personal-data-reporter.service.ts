import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, IsNull, Not } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { ErrorReporter } from '../errors/error-reporter';
import { JiraError } from '../jira/jira-error';
import { JiraService } from '../jira/jira.service';
import { JiraBudget } from '../rate-limits/jira-budget.service';
import { Tenant } from '../tenants/tenant.entity';
import { AccountEraser } from './account-eraser.service';
import { PRIVACY_REPORT_LOCK, withAdvisoryLock } from './advisory-lock';
import { closedAccounts, MAX_ACCOUNTS_PER_REPORT, REPORT_ACCOUNTS_PATH } from './report-accounts';
import { ReportDeferrals } from './report-deferrals';
import {
  accountSlot,
  DAY_MS,
  HOUR_MS,
  inBatches,
  parseCyclePeriod,
  scheduleAligned,
  slotAt,
  slotsDue,
  slotsPerCycle,
} from './report-schedule';
import { RoomRepository, type StoredAccount } from '../rooms/store/room.repository';

/** Sends one batch to Atlassian's reporting API and resolves with its answer. */
export type ReportPost = (body: unknown) => Promise<unknown>;

/** One batch's answer and the `Cycle-Period` header that came with it (when the client sees it). */
type ReportExchange = (body: unknown) => Promise<{ answer: unknown; cyclePeriod?: string | null }>;

/** What one run did; counts only, never account IDs. */
export interface ReportRun {
  /** `busy`: another node (or run) holds the lock, so this one did nothing. */
  status: 'done' | 'busy';
  /** Accounts reported to Jira, over every site. */
  reported: number;
  /** Accounts Jira answered `closed` for, now erased. */
  erased: number;
  /** Sites that rate-limited us or failed transiently: their rest waits for a later run. */
  deferredTenants: string[];
  /** Batches Jira answered in a shape we cannot read: skipped (reported again next cycle). */
  skippedBatches: number;
}

/** Other nodes tick at the same boundary; the winner keeps the lock this long so they skip. */
const HOLD_LOCK_MS = 5 * 60_000;

const emptyRun = (): ReportRun => ({
  status: 'done',
  reported: 0,
  erased: 0,
  deferredTenants: [],
  skippedBatches: 0,
});

/**
 * Personal data reporting (shared/JIRA.md): every account ID we store is reported to the site's
 * Jira once per cycle, in batches of at most 90 sent one after another; the accounts Jira
 * answers `closed` for are erased. A site that rate-limits us beyond what the Jira client waits
 * out (its Retry-After) is picked up again later, and the other sites go on meanwhile.
 */
@Injectable()
export class PersonalDataReporter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PersonalDataReporter.name);
  private readonly deferrals = new ReportDeferrals();
  private readonly shutdown = new AbortController();
  private stopSchedule: (() => void) | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Each site's cycle as its Jira last announced it (`Cycle-Period`); the config's until then. */
  private readonly cycleMs = new Map<string, number>();
  /**
   * Start of the last interval whose run finished here or was run by another node (lock busy):
   * a run owes the slots of the intervals missed since. In memory: a node that restarts knows
   * only its own slot (docs/PRIVACY.md).
   */
  private coveredThrough: number | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly rooms: RoomRepository,
    private readonly jira: JiraService,
    private readonly eraser: AccountEraser,
    private readonly reporter: ErrorReporter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly budget: JiraBudget,
  ) {}

  private get intervalMs(): number {
    return this.config.privacyReportIntervalHours * HOUR_MS;
  }

  onApplicationBootstrap(): void {
    this.stopSchedule = scheduleAligned(this.intervalMs, (slotStart) => void this.tick(slotStart));
  }

  onApplicationShutdown(): void {
    this.stopSchedule?.();
    clearTimeout(this.retryTimer);
    this.shutdown.abort();
  }

  /** Reports the accounts due at `now` (and deferred ones now due), unless a run is under way. */
  async runOnce(now = new Date()): Promise<ReportRun> {
    const locked = await withAdvisoryLock(this.dataSource, PRIVACY_REPORT_LOCK, () =>
      this.report(now),
    );
    return locked.ran ? locked.value : { ...emptyRun(), status: 'busy' };
  }

  private async tick(slotStart: number): Promise<void> {
    try {
      const locked = await withAdvisoryLock(this.dataSource, PRIVACY_REPORT_LOCK, async () => {
        this.log(await this.report(new Date()));
        await sleep(slotStart + HOLD_LOCK_MS - Date.now(), undefined, {
          signal: this.shutdown.signal,
        }).catch(() => undefined);
      });
      // Another node holds the lock: it reports this interval's slot.
      if (!locked.ran) this.cover(slotStart);
    } catch (error) {
      this.failed(error);
    }
  }

  private cover(nowMs: number): void {
    const start = Math.floor(nowMs / this.intervalMs) * this.intervalMs;
    this.coveredThrough = Math.max(this.coveredThrough ?? start, start);
  }

  /** The site's cycle: what its Jira announced last, else PRIVACY_REPORT_CYCLE_DAYS. */
  private cycleOf(tenantId: string): number {
    return this.cycleMs.get(tenantId) ?? this.config.privacyReportCycleDays * DAY_MS;
  }

  /** One pass over every site: the accounts due in `now`'s slot, or only what is owed. */
  private async report(now: Date, onlyDeferred = false): Promise<ReportRun> {
    const run = emptyRun();
    const coveredThrough = this.coveredThrough;
    // The slots of this run and of any run missed since (a failed run, a timer that slipped).
    const dueIn = (tenantId: string) => {
      const slots = slotsPerCycle(this.intervalMs, this.cycleOf(tenantId));
      const due = slotsDue(coveredThrough, now.getTime(), this.intervalMs, slots);
      return (accountId: string) => !onlyDeferred && due.has(accountSlot(accountId, slots));
    };
    // Forge-only sites (no client key) report from their daily trigger, with Forge's token.
    const tenants = await this.dataSource
      .getRepository(Tenant)
      .find({ select: { id: true }, where: { clientKey: Not(IsNull()) }, order: { id: 'ASC' } });
    for (const { id: tenantId } of tenants) {
      if (onlyDeferred && !this.deferrals.has(tenantId)) continue;
      try {
        const client = await this.jira.client({ tenantId });
        const exchange: ReportExchange = async (body) => {
          const answer = await client.exchange<unknown>('POST', REPORT_ACCOUNTS_PATH, {}, body);
          return { answer: answer.body, cyclePeriod: answer.headers.get('cycle-period') };
        };
        await this.reportSite(tenantId, now, dueIn(tenantId), run, exchange);
      } catch (error) {
        this.failed(error);
      }
    }
    if (!onlyDeferred) this.cover(now.getTime());
    return run;
  }

  /**
   * One Forge site's share of the cycle, from its daily scheduled trigger: the accounts due
   * today, posted with the system token Forge handed that call.
   */
  async runForSite(tenantId: string, post: ReportPost, now = new Date()): Promise<ReportRun> {
    const run = emptyRun();
    const slots = slotsPerCycle(DAY_MS, this.cycleOf(tenantId));
    const slot = slotAt(now.getTime(), DAY_MS, slots);
    const exchange: ReportExchange = async (body) => ({ answer: await post(body) });
    await this.reportSite(tenantId, now, (id) => accountSlot(id, slots) === slot, run, exchange);
    return run;
  }

  private async reportSite(
    tenantId: string,
    now: Date,
    isDue: (accountId: string) => boolean,
    run: ReportRun,
    post: ReportExchange,
  ): Promise<void> {
    const owed = this.deferrals.pending(tenantId);
    const accounts = (await this.rooms.storedAccounts(tenantId)).filter(
      ({ accountId }) => isDue(accountId) || owed.has(accountId),
    );
    if (this.deferrals.isWaiting(tenantId, now.getTime())) {
      this.deferrals.add(
        tenantId,
        accounts.map((account) => account.accountId),
      );
      run.deferredTenants.push(tenantId);
      return;
    }
    const { unsent, retryAfterMs } = await this.sendBatches(tenantId, accounts, run, post);
    if (unsent.length === 0) return this.deferrals.settle(tenantId);
    const wait = this.deferrals.defer(
      tenantId,
      unsent,
      now.getTime(),
      this.intervalMs,
      retryAfterMs,
    );
    run.deferredTenants.push(tenantId);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.retryDeferred(), wait);
    this.retryTimer.unref();
  }

  /** Sends the batches one after another; returns the accounts left for later (rate limit). */
  private async sendBatches(
    tenantId: string,
    accounts: StoredAccount[],
    run: ReportRun,
    post: ReportExchange,
  ): Promise<{ unsent: string[]; retryAfterMs?: number }> {
    if (accounts.length === 0) return { unsent: [] };
    const batches = inBatches(accounts, MAX_ACCOUNTS_PER_REPORT);
    for (const [index, batch] of batches.entries()) {
      const body = {
        accounts: batch.map(({ accountId, updatedAt }) => ({
          accountId,
          updatedAt: updatedAt.toISOString(),
        })),
      };
      let answer: Awaited<ReturnType<ReportExchange>>;
      try {
        await this.budget.awaitReserved(tenantId);
        answer = await post(body);
      } catch (error) {
        // An answer that is not even JSON spoils this batch only (see below).
        if (error instanceof SyntaxError) {
          run.reported += batch.length;
          this.skipBatch(run, error);
          continue;
        }
        if (!retryLater(error)) throw error;
        const unsent = batches
          .slice(index)
          .flat()
          .map((account) => account.accountId);
        return { unsent, retryAfterMs: error.retryAfterMs };
      }
      run.reported += batch.length;
      const cycle = parseCyclePeriod(answer.cyclePeriod);
      if (cycle !== undefined) this.cycleMs.set(tenantId, cycle);
      const ids = batch.map((account) => account.accountId);
      let closed: string[];
      try {
        closed = closedAccounts(answer.answer, ids);
      } catch (error) {
        // A malformed answer skips this batch (its accounts come again next cycle), not the site.
        this.skipBatch(run, error);
        continue;
      }
      for (const accountId of closed) {
        await this.eraser.erase(tenantId, accountId);
        run.erased += 1;
      }
    }
    return { unsent: [] };
  }

  private skipBatch(run: ReportRun, error: unknown): void {
    run.skippedBatches += 1;
    this.logger.warn('Jira answered a personal data report batch in an unreadable shape; skipped.');
    this.reporter.capture(error, { event: 'privacy:report' });
  }

  private async retryDeferred(): Promise<void> {
    try {
      const locked = await withAdvisoryLock(this.dataSource, PRIVACY_REPORT_LOCK, () =>
        this.report(new Date(), true),
      );
      if (locked.ran) this.log(locked.value);
    } catch (error) {
      this.failed(error);
    }
  }

  private log(run: ReportRun): void {
    this.logger.log(
      `Personal data report: ${run.reported} accounts reported, ${run.erased} closed accounts erased, ${run.deferredTenants.length} sites deferred.`,
    );
  }

  private failed(error: unknown): void {
    const reason =
      error instanceof JiraError ? `Jira answered HTTP ${error.status}` : 'unexpected error';
    this.logger.warn(
      `Personal data report of a site failed (${reason}); it is retried next cycle.`,
    );
    // A site that is gone or no longer has us (401/403/404) is not our bug; anything else is.
    if (!(error instanceof JiraError) || error.status === 400) {
      this.reporter.capture(error, { event: 'privacy:report' });
    }
  }
}

/** Rate limits and transient failures: the batch and the rest of the site wait for later. */
function retryLater(error: unknown): error is JiraError {
  return (
    error instanceof JiraError &&
    (error.status === 429 || error.status === 0 || error.status >= 500)
  );
}

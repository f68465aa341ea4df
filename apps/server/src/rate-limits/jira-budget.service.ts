import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import type { RateLimitsConfig } from '../config/rate-limits-config';
import { RATE_LIMIT_STORE, type RateLimitStore } from './rate-limit.store';
import { rateLimited } from './rate-limited';

/** Longest a background job waits for the reserve before calling Jira anyway. */
const MAX_RESERVED_WAIT_MS = 60_000;

/** Who spends: a person of a site, or the site itself (background jobs). */
export interface BudgetSpender {
  tenantId: string;
  accountId?: string | null;
}

/**
 * The site's budget of Jira-calling operations, so that nobody spends the site's Jira rate
 * limit alone. Interactive work (JQL, issue look-ups, field and admin checks) is limited per
 * person and may use the site's budget only above a reserve; estimate saves and privacy
 * reporting may spend the reserve too, so a JQL flood cannot starve them.
 */
@Injectable()
export class JiraBudget {
  private readonly limits: RateLimitsConfig['jira'];
  private readonly reserve: number;

  constructor(
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = config.rateLimits.jira;
    this.reserve = Math.floor(this.limits.site.burst * this.limits.reservedShare);
  }

  /** JQL, look-ups and checks: RATE_LIMITED past the person's share or the site's unreserved part. */
  async spend(spender: BudgetSpender): Promise<void> {
    if (spender.accountId) {
      const key = `jira:a:${spender.tenantId}:${spender.accountId}`;
      const own = await this.store.take(key, this.limits.account, 1);
      if (own.granted === 0) {
        throw rateLimited('You have made many Jira requests; wait', own.retryAfterMs);
      }
    }
    const site = await this.store.take(this.siteKey(spender), this.limits.site, 1, this.reserve);
    if (site.granted === 0) {
      throw rateLimited(
        "Your site's Jira request budget is used up for now; wait",
        site.retryAfterMs,
      );
    }
  }

  /** Saving an estimate: may spend the reserve; RATE_LIMITED only when the whole budget is gone. */
  async spendOnSave(spender: BudgetSpender): Promise<void> {
    const site = await this.store.take(this.siteKey(spender), this.limits.site, 1);
    if (site.granted === 0) {
      throw rateLimited(
        "Your site's Jira request budget is used up for now; wait",
        site.retryAfterMs,
      );
    }
  }

  /**
   * Privacy reporting (a background job, a duty to Atlassian): waits for a token of the whole
   * budget rather than failing, and goes ahead after a minute in any case.
   */
  async awaitReserved(tenantId: string): Promise<void> {
    const deadline = Date.now() + MAX_RESERVED_WAIT_MS;
    for (;;) {
      const site = await this.store.take(this.siteKey({ tenantId }), this.limits.site, 1);
      const wait = Math.min(site.retryAfterMs, deadline - Date.now());
      if (site.granted > 0 || wait <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, wait).unref());
    }
  }

  private siteKey(spender: BudgetSpender): string {
    return `jira:s:${spender.tenantId}`;
  }
}

/** First wait after a refusal; the Jira client does not say how long the Retry-After was. */
const FIRST_WAIT_MS = 15 * 60_000;

interface Deferral {
  accountIds: Set<string>;
  notBefore: number;
  refusals: number;
}

/**
 * Sites whose report waits out a rate limit (a Retry-After longer than the Jira client will
 * wait) or a transient failure, with the accounts still owed to them. The wait doubles with
 * each refusal, up to the job's interval. Kept in memory: after a restart the accounts are
 * reported in their slot of the next cycle.
 */
export class ReportDeferrals {
  private readonly sites = new Map<string, Deferral>();

  has(tenantId: string): boolean {
    return this.sites.has(tenantId);
  }

  /** Accounts still owed to the site (empty when none). */
  pending(tenantId: string): ReadonlySet<string> {
    return this.sites.get(tenantId)?.accountIds ?? new Set();
  }

  /** Whether the site must still be left alone at `nowMs`. */
  isWaiting(tenantId: string, nowMs: number): boolean {
    return (this.sites.get(tenantId)?.notBefore ?? 0) > nowMs;
  }

  /** Adds accounts that fell due while the site is waiting. */
  add(tenantId: string, accountIds: Iterable<string>): void {
    const deferral = this.sites.get(tenantId);
    for (const accountId of accountIds) deferral?.accountIds.add(accountId);
  }

  /** Leaves `accountIds` for later (for Retry-After, if Jira said); returns how long the site is left alone. */
  defer(
    tenantId: string,
    accountIds: string[],
    nowMs: number,
    maxWaitMs: number,
    retryAfterMs?: number,
  ): number {
    const refusals = (this.sites.get(tenantId)?.refusals ?? 0) + 1;
    // Jira's own Retry-After wins; without one, back off exponentially.
    const backoff = retryAfterMs ?? FIRST_WAIT_MS * 2 ** (refusals - 1);
    const wait = Math.min(Math.max(backoff, 1000), maxWaitMs);
    this.sites.set(tenantId, {
      accountIds: new Set(accountIds),
      notBefore: nowMs + wait,
      refusals,
    });
    return wait;
  }

  /** Everything owed to the site was reported. */
  settle(tenantId: string): void {
    this.sites.delete(tenantId);
  }
}

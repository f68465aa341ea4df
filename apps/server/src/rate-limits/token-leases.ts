import { MemoryRateLimitStore, type RateLimitStore } from './rate-limit.store';
import type { Grant, RateRule } from './token-bucket';

/** Most tokens a node borrows at once for one key. */
const MAX_LEASE = 16;

/** One token spent (locally, without waiting). */
export const SPENT: Grant = { granted: 1, retryAfterMs: 0 };

/**
 * Spends tokens of shared buckets from a local lease: the node borrows a batch from the store
 * (one Redis round trip) and spends it locally, so most events never wait on Redis. Borrowed
 * tokens are gone from the shared bucket, so a lease can only make a limit stricter (by what
 * another node still holds), never looser.
 */
export class TokenLeases {
  private readonly leases = new Map<string, number>();
  private readonly borrowing = new Map<string, Promise<Grant>>();
  private readonly batch: number;

  constructor(
    private readonly store: RateLimitStore,
    private readonly rule: RateRule,
  ) {
    this.batch = Math.max(1, Math.min(MAX_LEASE, Math.floor(rule.burst / 10)));
  }

  /**
   * One token: SPENT at once from the lease (or from the in-process store, which answers at
   * once anyway), a refusal, or, when the lease is used up, the shared store's answer.
   */
  spend(key: string): Grant | Promise<Grant> {
    if (this.store instanceof MemoryRateLimitStore) return this.store.take(key, this.rule, 1);
    if (this.spendLocal(key)) return SPENT;
    return this.borrowAndSpend(key);
  }

  private async borrowAndSpend(key: string): Promise<Grant> {
    for (;;) {
      const grant = await this.borrow(key);
      if (grant.granted === 0) return grant;
      // Others waiting on the same lease may have spent it first: then borrow again.
      if (this.spendLocal(key)) return grant;
    }
  }

  private spendLocal(key: string): boolean {
    const held = this.leases.get(key);
    if (!held) return false;
    if (held === 1) this.leases.delete(key);
    else this.leases.set(key, held - 1);
    return true;
  }

  private borrow(key: string): Promise<Grant> {
    const pending = this.borrowing.get(key);
    if (pending) return pending;
    const request = Promise.resolve(this.store.take(key, this.rule, this.batch))
      .then((grant) => {
        if (grant.granted > 0) this.leases.set(key, (this.leases.get(key) ?? 0) + grant.granted);
        return grant;
      })
      .finally(() => this.borrowing.delete(key));
    this.borrowing.set(key, request);
    return request;
  }

  /** Drops every lease (bounds memory; the few tokens dropped only make limits stricter). */
  forget(): void {
    this.leases.clear();
  }
}

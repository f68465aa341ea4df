import { MemoryRateLimitStore, type RateLimitStore } from './rate-limit.store';
import { TokenLeases } from './token-leases';
import type { Grant, RateRule } from './token-bucket';

/** The in-memory store seen as a remote one (answers by promise), counting round trips. */
class CountingStore implements RateLimitStore {
  calls = 0;
  private readonly inner = new MemoryRateLimitStore(() => 0);

  take(key: string, rule: RateRule, want: number): Promise<Grant> {
    this.calls += 1;
    return Promise.resolve(this.inner.take(key, rule, want));
  }
}

describe('TokenLeases', () => {
  const rule = { burst: 100, perSecond: 0.001 };

  it('borrows a batch and spends it locally, without waiting on the store', async () => {
    const store = new CountingStore();
    const leases = new TokenLeases(store, rule);
    expect(await leases.spend('a')).toMatchObject({ granted: 10 });
    const local = Array.from({ length: 9 }, () => leases.spend('a'));
    expect(local.every((grant) => !(grant instanceof Promise) && grant.granted === 1)).toBe(true);
    expect(store.calls).toBe(1);
    expect(leases.spend('a')).toBeInstanceOf(Promise);
    expect(store.calls).toBe(2);
  });

  it('never admits more than the shared bucket holds, however the events interleave', async () => {
    const store = new CountingStore();
    const leases = new TokenLeases(store, rule);
    const grants = await Promise.all(
      Array.from({ length: 130 }, () => Promise.resolve(leases.spend('a'))),
    );
    expect(grants.filter((grant) => grant.granted > 0)).toHaveLength(100);
    expect(grants.filter((grant) => grant.granted === 0)).toHaveLength(30);
  });

  it('answers at once from the in-process store (single node)', () => {
    const leases = new TokenLeases(new MemoryRateLimitStore(() => 0), { burst: 2, perSecond: 1 });
    expect([leases.spend('a'), leases.spend('a'), leases.spend('a')]).toEqual([
      { granted: 1, retryAfterMs: 0 },
      { granted: 1, retryAfterMs: 0 },
      { granted: 0, retryAfterMs: 1000 },
    ]);
  });
});

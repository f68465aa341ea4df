import { refillMs, takeTokens, type BucketState, type Grant, type RateRule } from './token-bucket';

/** Token buckets by key: in this process, or shared by every node through Redis. */
export interface RateLimitStore {
  take(key: string, rule: RateRule, want: number, floor?: number): Grant | Promise<Grant>;
}

/** Forget buckets that have been full for a while, at most this often. */
const SWEEP_EVERY_MS = 10_000;

interface Entry extends BucketState {
  fullAt: number;
}

/** The single-node store (no REDIS_URL), and the fallback while Redis is away. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, Entry>();
  private sweptAt = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  take(key: string, rule: RateRule, want: number, floor = 0): Grant {
    const now = this.clock();
    this.sweep(now);
    const { state, grant } = takeTokens(this.buckets.get(key), rule, want, now, floor);
    this.buckets.set(key, { ...state, fullAt: now + refillMs(rule) });
    return grant;
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    if (now - this.sweptAt < SWEEP_EVERY_MS) return;
    this.sweptAt = now;
    for (const [key, entry] of this.buckets) {
      if (entry.fullAt <= now) this.buckets.delete(key);
    }
  }
}

/** Injection token for the store the limiters share. */
export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');

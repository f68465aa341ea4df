import type { RateRule } from '../config/rate-limits-config';

export type { RateRule };

export interface BucketState {
  tokens: number;
  /** When `tokens` was last brought up to date (ms since the epoch). */
  at: number;
}

/** What a take got: `granted` tokens (0 = refused), and when to try again if refused. */
export interface Grant {
  granted: number;
  retryAfterMs: number;
}

/**
 * Takes up to `want` whole tokens, leaving at least `floor` in the bucket (a reserve only some
 * callers may spend). The Redis script in redis-rate-limit.store.ts is this same function.
 */
export function takeTokens(
  state: BucketState | undefined,
  rule: RateRule,
  want: number,
  now: number,
  floor = 0,
): { state: BucketState; grant: Grant } {
  const perMs = rule.perSecond / 1000;
  const last = state ?? { tokens: rule.burst, at: now };
  const tokens = Math.min(rule.burst, last.tokens + Math.max(0, now - last.at) * perMs);
  const granted = Math.max(0, Math.min(want, Math.floor(tokens - floor)));
  if (granted === 0) {
    const retryAfterMs = Math.ceil((floor + 1 - tokens) / perMs);
    return { state: { tokens, at: now }, grant: { granted: 0, retryAfterMs } };
  }
  return { state: { tokens: tokens - granted, at: now }, grant: { granted, retryAfterMs: 0 } };
}

/** How long an untouched bucket takes to be full again: after that it can be forgotten. */
export function refillMs(rule: RateRule): number {
  return Math.ceil((rule.burst / rule.perSecond) * 1000);
}

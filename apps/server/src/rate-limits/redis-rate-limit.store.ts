import type { Redis } from 'ioredis';
import { MemoryRateLimitStore, type RateLimitStore } from './rate-limit.store';
import { refillMs, type Grant, type RateRule } from './token-bucket';

/**
 * takeTokens() of token-bucket.ts, atomically in Redis, on Redis's clock (nodes' clocks may
 * differ). The hash is dropped once the bucket would be full again.
 */
const TAKE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local burst = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2]) / 1000
local want = tonumber(ARGV[3])
local floor = tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 't', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * perMs)
local granted = math.max(0, math.min(want, math.floor(tokens - floor)))
redis.call('HSET', KEYS[1], 't', tostring(tokens - granted), 'at', now)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[5]))
if granted == 0 then
  return {0, math.ceil((floor + 1 - tokens) / perMs)}
end
return {granted, 0}
`;

/** A Redis command slower than this counts as Redis being away (ioredis would queue it). */
const REDIS_TIMEOUT_MS = 250;
const KEY_PREFIX = 'poker:rl:';

type TakeCommand = (
  key: string,
  burst: number,
  perSecond: number,
  want: number,
  floor: number,
  ttlMs: number,
) => Promise<[number, number]>;

/**
 * Buckets shared by every node (REDIS_URL), so limits hold across nodes and reconnects. While
 * Redis is away each node falls back to its own buckets: limits loosen to per node, never to
 * none, and no event waits on a Redis that does not answer.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly fallback = new MemoryRateLimitStore();
  private readonly command: TakeCommand;

  constructor(private readonly redis: Redis) {
    redis.defineCommand('pokerRateTake', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    const commands = redis as unknown as { pokerRateTake: TakeCommand };
    this.command = commands.pokerRateTake.bind(redis);
  }

  async take(key: string, rule: RateRule, want: number, floor = 0): Promise<Grant> {
    if (this.redis.status !== 'ready') return this.fallback.take(key, rule, want, floor);
    const ttlMs = refillMs(rule) + 1000;
    try {
      const answer = this.command(KEY_PREFIX + key, rule.burst, rule.perSecond, want, floor, ttlMs);
      const [granted, retryAfterMs] = await withTimeout(answer, REDIS_TIMEOUT_MS);
      return { granted, retryAfterMs };
    } catch {
      return this.fallback.take(key, rule, want, floor);
    }
  }
}

/** The promise, or a rejection after `ms` (the promise itself is left to settle unobserved). */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer in ${ms} ms.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

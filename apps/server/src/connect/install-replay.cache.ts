import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { REDIS, type RedisPair } from '../realtime/redis-connection';
import { withTimeout } from '../rate-limits/redis-rate-limit.store';

const REDIS_TIMEOUT_MS = 1000;
const KEY_PREFIX = 'poker:install-token:';

/**
 * Remembers every signed install token that was used, until it expires, so that a captured
 * install or uninstall call cannot be sent again (say, with another shared secret). With
 * REDIS_URL the record is shared by every node (SET NX), because Jira's retry or an attacker's
 * replay may land on any of them; each node also keeps its own, which is all there is on a single
 * node and what still holds on this node while Redis is unreachable.
 */
@Injectable()
export class InstallReplayCache {
  private readonly logger = new Logger(InstallReplayCache.name);
  /** Token key → when it may be forgotten (ms); only verified tokens get here, so it stays small. */
  private readonly used = new Map<string, number>();

  constructor(@Inject(REDIS) private readonly redis: RedisPair | undefined) {}

  /** The token's identity: its `jti` when it has one, else the hash of the whole token. */
  static keyOf(token: string, issuer: string, jti: unknown): string {
    const identity = typeof jti === 'string' && jti.length > 0 ? `jti:${issuer}:${jti}` : token;
    return createHash('sha256').update(identity).digest('hex');
  }

  /** True the first time a key is seen before `expiresAtMs`; false for every replay. */
  async claim(key: string, expiresAtMs: number): Promise<boolean> {
    const now = Date.now();
    for (const [seen, until] of this.used) if (until <= now) this.used.delete(seen);
    if (this.used.has(key)) return false;
    const ttlMs = Math.max(1000, expiresAtMs - now);
    this.used.set(key, now + ttlMs);
    if (!this.redis) return true;
    try {
      // withTimeout clears its timer and never leaves the losing command's rejection unhandled.
      const answer = await withTimeout(
        this.redis.pub.set(KEY_PREFIX + key, '1', 'PX', ttlMs, 'NX'),
        REDIS_TIMEOUT_MS,
      );
      return answer === 'OK';
    } catch {
      this.logger.warn('Redis unreachable: install replay check is per node until it is back.');
      return true;
    }
  }
}

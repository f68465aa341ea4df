import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Socket } from 'socket.io';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { REDIS, type RedisPair } from '../realtime/redis-connection';
import { withTimeout } from './redis-rate-limit.store';

/** A socket's entry lives this long in Redis unless its node renews it (a crashed node's go). */
const ENTRY_TTL_MS = 60_000;
const RENEW_EVERY_MS = 20_000;
const REDIS_TIMEOUT_MS = 250;
const KEY_PREFIX = 'poker:sockets:';

/** Admits a socket unless the person already holds `cap` live ones (expired entries dropped). */
const ADMIT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1
`;

/** Pushes the expiry of this node's live sockets (only entries still there: XX). */
const RENEW_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for i = 1, #ARGV - 1 do
  redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[#ARGV]), ARGV[i])
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[#ARGV]))
return 1
`;

type Commands = {
  pokerSocketAdmit(key: string, id: string, cap: number, ttlMs: number): Promise<number>;
  pokerSocketRenew(key: string, ...args: (string | number)[]): Promise<number>;
};

/** Set by the authentication middleware, which runs first. */
type SocketIdentity = { tenantId: string; accountId: string };

/**
 * Caps the open sockets of one person (tenant + account): across nodes through a Redis sorted
 * set of socket IDs with expiry, in this process without Redis (or while Redis is away). The
 * handshake of one socket too many fails with a `connect_error` saying so.
 */
@Injectable()
export class SocketCap implements OnModuleDestroy {
  private readonly logger = new Logger(SocketCap.name);
  /** Key → this node's admitted sockets by ID. */
  private readonly local = new Map<string, Map<string, Socket>>();
  private readonly redis: (Redis & Commands) | undefined;
  private readonly timer = setInterval(() => void this.renew(), RENEW_EVERY_MS).unref();
  private readonly cap: number;

  constructor(@Inject(REDIS) pair: RedisPair | undefined, @Inject(APP_CONFIG) config: AppConfig) {
    this.cap = config.rateLimits.socketsPerAccount;
    if (!pair) return;
    pair.pub.defineCommand('pokerSocketAdmit', { numberOfKeys: 1, lua: ADMIT_SCRIPT });
    pair.pub.defineCommand('pokerSocketRenew', { numberOfKeys: 1, lua: RENEW_SCRIPT });
    this.redis = pair.pub as Redis & Commands;
  }

  /** Handshake middleware, after authentication (it needs the person). */
  middleware() {
    return (socket: Socket, next: (error?: Error) => void): void => {
      void this.admit(socket).then(
        (admitted) => next(admitted ? undefined : this.refusal()),
        () => next(this.refusal()),
      );
    };
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async admit(socket: Socket): Promise<boolean> {
    const { tenantId, accountId } = socket.data as SocketIdentity;
    const key = `${tenantId}:${accountId}`;
    const sockets = this.local.get(key) ?? new Map<string, Socket>();
    const admitted = await this.admitShared(key, socket.id, sockets.size);
    if (!admitted) return false;
    sockets.set(socket.id, socket);
    this.local.set(key, sockets);
    socket.once('disconnect', () => this.release(key, socket.id));
    return true;
  }

  private async admitShared(key: string, id: string, localCount: number): Promise<boolean> {
    if (!this.redis || this.redis.status !== 'ready') return localCount < this.cap;
    try {
      const answer = this.redis.pokerSocketAdmit(KEY_PREFIX + key, id, this.cap, ENTRY_TTL_MS);
      return (await withTimeout(answer, REDIS_TIMEOUT_MS)) === 1;
    } catch {
      return localCount < this.cap;
    }
  }

  private release(key: string, id: string): void {
    const sockets = this.local.get(key);
    sockets?.delete(id);
    if (sockets?.size === 0) this.local.delete(key);
    this.redis?.zrem(KEY_PREFIX + key, id).catch(() => undefined);
  }

  private async renew(): Promise<void> {
    // A handshake the client abandoned never connected, so it never disconnects: drop it here.
    for (const [key, sockets] of this.local) {
      for (const socket of sockets.values()) {
        if (socket.disconnected) this.release(key, socket.id);
      }
    }
    if (!this.redis || this.redis.status !== 'ready') return;
    const pipeline = this.redis.pipeline() as unknown as Commands & { exec(): Promise<unknown> };
    for (const [key, sockets] of this.local) {
      void pipeline.pokerSocketRenew(KEY_PREFIX + key, ...sockets.keys(), ENTRY_TTL_MS);
    }
    await pipeline.exec().catch((error: unknown) => {
      this.logger.warn(`Socket count renewal failed: ${String(error)}`);
    });
  }

  private refusal(): Error {
    return new Error(
      `RATE_LIMITED: this account already has ${this.cap} open connections; close a tab or window and try again.`,
    );
  }
}

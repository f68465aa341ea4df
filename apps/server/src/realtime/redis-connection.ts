import { Redis } from 'ioredis';

/** The pair of Redis connections the Socket.IO adapter needs (one of them only subscribes). */
export interface RedisPair {
  pub: Redis;
  sub: Redis;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Connects to REDIS_URL; reconnects forever in the background if Redis restarts. */
export async function connectRedis(url: string): Promise<RedisPair> {
  const options = {
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
    lazyConnect: true,
  };
  const pub = new Redis(url, options);
  const sub = pub.duplicate();
  // Errors while Redis is away are expected; ioredis retries, /readyz reports the outage.
  pub.on('error', () => undefined);
  sub.on('error', () => undefined);
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    pub,
    sub,
    ping: () =>
      Promise.race([
        pub.ping().then((answer) => answer === 'PONG'),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000).unref()),
      ]).catch(() => false),
    close: async () => {
      pub.disconnect();
      sub.disconnect();
    },
  };
}

/** Injection token for the optional Redis pair (undefined on a single node). */
export const REDIS = Symbol('REDIS');

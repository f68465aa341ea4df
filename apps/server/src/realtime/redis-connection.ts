import { Redis } from 'ioredis';

/** The pair of Redis connections the Socket.IO adapter needs (one of them only subscribes). */
export interface RedisPair {
  pub: Redis;
  sub: Redis;
  /**
   * Prefix of every pub/sub channel of this deployment (the Socket.IO adapter's `key`): it names
   * the zone, so two zones sharing one Redis never hear each other's rooms or requests.
   */
  channelPrefix: string;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The channel prefix of a zone's nodes: `poker:us` → channels `poker:us#/poker#…`. */
export function zoneChannelPrefix(zone: string): string {
  return `poker:${zone}`;
}

/**
 * Connects to REDIS_URL (with its password, `redis://:password@host:6379`); reconnects forever
 * in the background if Redis restarts.
 */
export async function connectRedis(url: string, zone: string): Promise<RedisPair> {
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
    channelPrefix: zoneChannelPrefix(zone),
    ping: () =>
      Promise.race([
        // The losing ping may still fail later ("Connection is closed"): never unhandled.
        pub
          .ping()
          .then((answer) => answer === 'PONG')
          .catch(() => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000).unref()),
      ]).catch(() => false),
    // QUIT lets the commands already sent (a last broadcast of a closing node) finish instead of
    // failing with "Connection is closed" where nobody listens for it; disconnect if Redis is away.
    close: async () => {
      await Promise.all(
        [pub, sub].map((client) =>
          client.status === 'ready'
            ? client.quit().catch(() => client.disconnect())
            : Promise.resolve(client.disconnect()),
        ),
      );
    },
  };
}

/** Injection token for the optional Redis pair (undefined on a single node). */
export const REDIS = Symbol('REDIS');

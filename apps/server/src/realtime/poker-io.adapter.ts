import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { SocketDrain } from './socket-drain';

/** Transport-level cap; the rate-limit guard answers politely well below it. */
const MAX_FRAME_BYTES = 64 * 1024;

/**
 * Socket.IO server options shared by every node: WebSocket first (long-polling as fallback),
 * connection-state recovery with the handshake re-run on every reconnect (a fresh context
 * JWT is required), and, when Redis is configured, the Redis adapter so any node serves any
 * socket of any room. The drain tracks sockets and owed acks for a graceful shutdown.
 */
export class PokerIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly redis: { pub: Redis; sub: Redis } | undefined,
    readonly drain: SocketDrain = new SocketDrain(),
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      transports: ['websocket', 'polling'],
      maxHttpBufferSize: MAX_FRAME_BYTES,
      cors: { origin: true, credentials: false },
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
      pingInterval: 20_000,
      pingTimeout: 20_000,
      allowRequest: this.drain.allowRequest,
    }) as Server;
    this.drain.attach(server);
    if (this.redis) {
      server.adapter(createAdapter(this.redis.pub, this.redis.sub, { requestsTimeout: 3000 }));
    }
    return server;
  }
}

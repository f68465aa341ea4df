import { Logger, type INestApplicationContext } from '@nestjs/common';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { isObservable, lastValueFrom, type Observable } from 'rxjs';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Server, ServerOptions, Socket } from 'socket.io';
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
  private readonly logger = new Logger(PokerIoAdapter.name);

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

  /**
   * Nest's own binding gives every socket one RxJS pipeline per event name (sixteen here),
   * which costs tens of kilobytes per connection and a chain of operators per event. One
   * listener per socket looks the handler up instead; the handler (guards, pipes,
   * interceptors, filters) runs exactly as before, and its result is the ack.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    _transform: (data: unknown) => Observable<unknown>,
  ): void {
    const byEvent = new Map(handlers.map((handler) => [handler.message as string, handler]));
    socket.onAny((event: string, ...args: unknown[]) => {
      const handler = byEvent.get(event);
      if (!handler) return;
      const { data, ack } = this.mapPayload(args) as { data: unknown; ack?: Ack };
      respond(handler, data, ack).catch((error: unknown) => {
        // Unreachable in practice (the filter answers every error); never crash the process.
        this.logger.error(`Unanswered ${event}: ${String(error)}`);
      });
    });
  }
}

type Ack = (response: unknown) => void;

/** Runs one handler and acks its result, as Nest's binding does (an `event` result is emitted). */
async function respond(
  handler: MessageMappingProperties,
  data: unknown,
  ack: Ack | undefined,
): Promise<void> {
  // Nest's handler proxy turns every error into an ack through the exception filter.
  const result: unknown = await (handler.callback as (data: unknown, ack?: Ack) => unknown)(
    data,
    ack,
  );
  const response = isObservable(result)
    ? await lastValueFrom(result, { defaultValue: undefined })
    : await result;
  if (response === undefined || response === null || handler.isAckHandledManually) return;
  if (typeof ack === 'function') ack(response);
}

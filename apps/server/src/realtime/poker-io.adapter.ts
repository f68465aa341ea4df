import type { IncomingMessage } from 'node:http';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { isObservable, lastValueFrom, type Observable } from 'rxjs';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Server, ServerOptions, Socket } from 'socket.io';
import {
  closeRefused,
  enforceHandshakeDeadline,
  PENDING_HANDSHAKE_TIMEOUT_MS,
} from './handshake-deadline';
import { LatestSnapshotSessionAdapter } from './latest-snapshot-session.adapter';
import { snapshotParser } from './snapshot-encoder';
import type { CrossOriginPolicy } from './cross-origin';
import { SocketDrain } from './socket-drain';

/** Transport-level cap; the rate-limit guard answers politely well below it. */
const MAX_FRAME_BYTES = 64 * 1024;

/**
 * How long a dropped connection can come back with its session, rooms and missed packets.
 * The recovery buffer holds every packet sent in this window (at 1,000 changes/s, socket.io's
 * 2-minute default kept over a gigabyte of snapshots and made the GC the bottleneck). A client
 * that is away longer loses nothing either: it re-joins and resyncs from the newest snapshot.
 */
export const RECOVERY_WINDOW_MS = 30_000;

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
    private readonly redis: { pub: Redis; sub: Redis; channelPrefix?: string } | undefined,
    readonly drain: SocketDrain = new SocketDrain(),
    private readonly observe: EventObserver = () => undefined,
    private readonly origins?: CrossOriginPolicy,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      transports: ['websocket', 'polling'],
      maxHttpBufferSize: MAX_FRAME_BYTES,
      // Long-polling from another origin only for Forge's Custom UI (and us); see cross-origin.ts.
      cors: { origin: this.origins?.corsOrigin ?? true, credentials: false },
      connectionStateRecovery: {
        maxDisconnectionDuration: RECOVERY_WINDOW_MS,
        skipMiddlewares: false,
      },
      pingInterval: 20_000,
      pingTimeout: 20_000,
      connectTimeout: PENDING_HANDSHAKE_TIMEOUT_MS,
      allowRequest: (request: IncomingMessage, answer: AllowAnswer) => {
        if (this.origins && !this.origins.allowsRequest(request)) {
          answer('This origin may not connect.', false);
          return;
        }
        this.drain.allowRequest(request, answer);
      },
      // Replaced by the Redis adapter below when there are several nodes.
      adapter: LatestSnapshotSessionAdapter,
      parser: snapshotParser,
    }) as Server;
    this.drain.attach(server);
    // The main namespace always exists and accepts anyone: nothing is served there.
    server.use((socket, next) => {
      next(new Error('UNAUTHENTICATED: connect to /poker.'));
      closeRefused(socket);
    });
    enforceHandshakeDeadline(server);
    if (this.redis) {
      server.adapter(
        createAdapter(this.redis.pub, this.redis.sub, {
          requestsTimeout: 3000,
          // The zone's channels (redis-connection.ts): zones sharing a Redis never mix.
          key: this.redis.channelPrefix,
        }),
      );
    }
    return server;
  }

  /**
   * Nest's own binding gives every socket one RxJS pipeline per event name (sixteen here),
   * which costs tens of kilobytes per connection and a chain of operators per event. A plain
   * listener per event instead runs the handler (guards, pipes, interceptors, filters) exactly
   * as before, and its result is the ack. Every ack, success or the exception filter's error,
   * is reported to `observe` (metrics): an interceptor could not see the filter's error code,
   * and cost an RxJS chain per event.
   *
   * The listeners are `socket.on`, not one `socket.onAny`: socket.io calls catch-all listeners
   * before the socket's middleware, so the handler would get the ack before `SocketDrain` had
   * wrapped it, and the drain would wait for acks it never sees answered.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    _transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const handler of handlers) {
      const event = handler.message as string;
      socket.on(event, (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args) as { data: unknown; ack?: Ack };
        respond(handler, data, ack && this.observed(event, ack)).catch((error: unknown) => {
          // Unreachable in practice (the filter answers every error); never crash the process.
          this.logger.error(`Unanswered ${event}: ${String(error)}`);
        });
      });
    }
  }

  private observed(event: string, ack: Ack): Ack {
    const started = performance.now();
    return (response) => {
      const error = (response as { error?: { code?: unknown } } | undefined)?.error;
      const outcome = error ? (typeof error.code === 'string' ? error.code : 'INTERNAL') : 'ok';
      this.observe(event, (performance.now() - started) / 1000, outcome);
      ack(response);
    };
  }
}

/** Told of every acked event: its name, seconds from receipt to ack, and 'ok' or the code. */
export type EventObserver = (event: string, seconds: number, outcome: string) => void;

type Ack = (response: unknown) => void;

type AllowAnswer = (error: string | null | undefined, success: boolean) => void;

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

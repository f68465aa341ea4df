import type { IncomingMessage } from 'node:http';
import type { Namespace, Server, Socket } from 'socket.io';

type Ack = (...args: unknown[]) => void;

/**
 * Lets a node leave without dropping work (graceful shutdown). It counts the events whose ack
 * is still owed, refuses new connections once draining, and finally closes every connection at
 * the transport level, so each client's automatic reconnect lands on another node. (A
 * server-side `socket.disconnect()` would tell socket.io-client not to reconnect at all.)
 */
export class SocketDrain {
  private draining = false;
  private owed = 0;
  private readonly sockets = new Set<Socket>();
  private settledWaiters: (() => void)[] = [];

  /** engine.io's `allowRequest`: a refused handshake makes the client retry, through the proxy. */
  readonly allowRequest = (
    _request: IncomingMessage,
    answer: (error: string | null | undefined, success: boolean) => void,
  ): void => {
    answer(this.draining ? 'This server is shutting down.' : null, !this.draining);
  };

  get isDraining(): boolean {
    return this.draining;
  }

  /** Starts tracking the sockets of every namespace of a Socket.IO server. */
  attach(server: Server): void {
    server.on('new_namespace', (namespace: Namespace) => {
      namespace.on('connection', (socket: Socket) => this.track(socket));
    });
  }

  /**
   * Refuses new connections, waits (at most `settleMs`) until every event received so far has
   * been answered, then closes every connection after its pending packets are flushed.
   */
  async drain(settleMs: number): Promise<void> {
    this.draining = true;
    await this.settled(settleMs);
    for (const socket of this.sockets) socket.conn.close();
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    const pending = new Set<object>();
    socket.use((packet, next) => {
      const last = packet.length - 1;
      const ack: unknown = packet[last];
      if (last > 0 && typeof ack === 'function') {
        const entry = {};
        pending.add(entry);
        this.owed += 1;
        packet[last] = ((...args: unknown[]) => {
          if (pending.delete(entry)) this.pay(1);
          (ack as Ack)(...args);
        }) satisfies Ack;
      }
      next();
    });
    socket.once('disconnect', () => {
      this.sockets.delete(socket);
      // No ack can reach a closed socket: nothing is owed to it any more.
      this.pay(pending.size);
      pending.clear();
    });
  }

  private pay(count: number): void {
    this.owed -= count;
    if (this.owed > 0) return;
    const waiters = this.settledWaiters;
    this.settledWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  private settled(timeoutMs: number): Promise<void> {
    if (this.owed <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.settledWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

import type { Server, Socket } from 'socket.io';

/** A connection that has not asked for /poker with a token by then is closed. */
export const HANDSHAKE_TIMEOUT_MS = 1000;

/** Backstop for a handshake whose token check hangs (socket.io's `connectTimeout`). */
export const PENDING_HANDSHAKE_TIMEOUT_MS = 15_000;

/** How long a refused connection stays open so that its `connect_error` reaches the client. */
const REFUSAL_LINGER_MS = 100;

const PENDING = Symbol('poker handshake pending');

type MarkedConnection = Socket['conn'] & { [PENDING]?: boolean };

/**
 * Nothing unauthenticated lingers: a connection that sends no CONNECT for /poker within a
 * second (none at all, or one for another namespace) is closed, and so is one whose handshake
 * was refused, right after it was told why. A handshake still being checked is not cut off by
 * the one-second deadline (a loaded node may take longer to check a token; socket.io's own
 * `connectTimeout` of PENDING_HANDSHAKE_TIMEOUT_MS is the backstop for those).
 */
export function enforceHandshakeDeadline(server: Server): void {
  server.engine.on('connection', (conn: MarkedConnection) => {
    const timer = setTimeout(() => {
      if (!conn[PENDING] && conn.readyState === 'open') conn.close();
    }, HANDSHAKE_TIMEOUT_MS);
    timer.unref();
    conn.once('close', () => clearTimeout(timer));
  });
}

/** Marks the connection as presenting a handshake: the one-second deadline no longer applies. */
export function handshakeStarted(socket: Socket): void {
  (socket.conn as MarkedConnection)[PENDING] = true;
}

/** Closes a connection whose handshake was refused, once the refusal has been sent. */
export function closeRefused(socket: Socket): void {
  setTimeout(() => {
    if (socket.conn.readyState === 'open') socket.conn.close();
  }, REFUSAL_LINGER_MS).unref();
}

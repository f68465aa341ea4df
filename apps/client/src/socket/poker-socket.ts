import {
  PATCH_PROTOCOL,
  POKER_NAMESPACE,
  type Ack,
  type ClientAckData,
  type ClientEventName,
  type ClientPayloadInputs,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@poker/shared';
import { io, type Socket } from 'socket.io-client';
import type { HostBridge } from '../host/host-bridge';

export type PokerSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long an ack may take before the action counts as failed. */
const ACK_TIMEOUT_MS = 15_000;

/**
 * Connects to our server (`bridge.serverUrl()`: the page's own origin on Connect and in the
 * demo, the session's `socketUrl` on Forge). The handshake asks the bridge for a fresh token on
 * every (re)connect, so an expired token never blocks a reconnect; `onToken` learns which
 * token the server holds (see SessionRenewal).
 */
export function connectPokerSocket(
  bridge: HostBridge,
  onToken: (token: string) => void = () => undefined,
): PokerSocket {
  return io(bridge.serverUrl() + POKER_NAMESPACE, {
    auth: (cb) => {
      bridge.getToken().then(
        (token) => {
          onToken(token);
          // After the first snapshot of a room, small patches instead of the whole room.
          cb({ token, protocol: PATCH_PROTOCOL });
        },
        // An empty token makes the server refuse with a message the status bar shows.
        () => cb({ token: '' }),
      );
    },
    // WebSocket first; where it cannot open (a proxy, a CSP that Forge may not widen to wss),
    // HTTP long-polling. tryAllTransports moves on to polling when the WebSocket fails at once.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    // Cross-origin polling on Forge: the token travels in `auth`, never in cookies.
    withCredentials: false,
  });
}

/** Emits a client event and resolves with its ack; a timeout becomes a failed ack. */
export async function emitWithAck<E extends ClientEventName>(
  socket: PokerSocket,
  event: E,
  payload: ClientPayloadInputs[E],
): Promise<Ack<ClientAckData[E]>> {
  // Closed for good (the server disconnected it, e.g. the site uninstalled the app, or refused
  // the handshake): socket.io will not reconnect by itself, so a buffered emit would only run
  // into the timeout and blame the network. Say what is wrong at once.
  if (!socket.connected && !socket.active) {
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Not connected to the app server: it closed the connection. Reload the page.',
      },
    };
  }
  // socket.io's typed overloads cannot follow a generic event name; the contract types above hold.
  const untyped = socket.timeout(ACK_TIMEOUT_MS) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<Ack<ClientAckData[E]>>;
  };
  try {
    return await untyped.emitWithAck(event, payload);
  } catch {
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'The server did not answer in time. Check the connection and try again.',
      },
    };
  }
}
